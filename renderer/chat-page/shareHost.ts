import type { Locale } from '../shared/i18n/locale';
import {
  createKeyedShareFlow,
  mountShell,
  type Branding,
  type CustomerFlow,
  type FlowState,
  type ShellParts,
  type Translator,
} from '../customer/embed';

/**
 * "Share screen" in the chat runs the customer page's own flow (consent, capture, sharing bar,
 * Stop sharing) inside the chat page, with the request's key already entered. Nothing about
 * consent or capture is re-implemented here.
 */
export class ShareHost {
  private flow: CustomerFlow | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly parts: ShellParts,
    private readonly translator: Translator,
    private readonly branding: Branding,
    private readonly onLocaleChosen: (locale: Locale) => void,
  ) {}

  /** Whether a share started here is still in progress (then "Share screen" does nothing). */
  get busy(): boolean {
    return this.flow !== null && isShown(this.flow.state);
  }

  start(key: string): void {
    if (this.busy) return;
    const flow = createKeyedShareFlow(key, () => this.translator.locale);
    this.flow = flow;
    mountShell(this.parts, {
      flow,
      translator: this.translator,
      branding: this.branding,
      onLocaleChosen: this.onLocaleChosen,
    });
    const place = (state: FlowState) => {
      if (this.flow !== flow) return;
      this.container.hidden = !isShown(state);
      document.body.classList.toggle('chat-is-sharing', state.step === 'sharing');
      // A step that asks something of the customer (consent, choosing, a problem): in the small
      // widget it takes the whole panel, so its buttons are never below the fold of nested scrolling.
      document.body.classList.toggle('chat-share-open', isShown(state) && state.step !== 'sharing');
    };
    flow.subscribe(place);
    place(flow.state);
    this.container.scrollIntoView({ block: 'start' });
  }

  /** The page is closing: tell the server now, as the customer page does. */
  leave(): void {
    this.flow?.leave();
  }
}

/**
 * The share area shows while the customer is in the share flow. Once it ends (or the key was
 * refused), the chat's own system message says what happened, so the area closes.
 */
function isShown(state: FlowState): boolean {
  if (state.step === 'ended') return false;
  if (state.step === 'key') return state.busy;
  return true;
}
