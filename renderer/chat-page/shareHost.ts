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

/** What the chat learns about a share it started that never reached the consent step. */
export interface ShareStartEvents {
  /** This browser cannot share a screen; the key is still unused and the agent has been told. */
  cannotShare(): void;
  /** The request's key was refused or the server could not be reached. */
  failed(): void;
}

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
    if (this.flow === null) return false;
    const state = this.flow.state;
    return isShown(state) || (state.step === 'key' && state.busy);
  }

  start(key: string, events: ShareStartEvents): void {
    if (this.busy) return;
    // A start that failed kept its socket open for another key; the new flow replaces it.
    this.flow?.discard();
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
      if (state.step === 'ended' && state.outcome === 'unsupported') events.cannotShare();
      if (state.step === 'key' && state.problem !== null) events.failed();
      const appears = this.container.hidden && isShown(state);
      this.container.hidden = !isShown(state);
      if (appears) this.container.scrollIntoView({ block: 'start' });
      document.body.classList.toggle('chat-is-sharing', state.step === 'sharing');
      // A step that asks something of the customer (consent, choosing, a problem): in the small
      // widget it takes the whole panel, so its buttons are never below the fold of nested scrolling.
      document.body.classList.toggle('chat-share-open', isShown(state) && state.step !== 'sharing');
    };
    flow.subscribe(place);
    place(flow.state);
  }

  /** The page is closing: tell the server now, as the customer page does. */
  leave(): void {
    this.flow?.leave();
  }
}

/**
 * The share area shows from the consent step on, while the customer is in the share flow. The
 * key step never shows (the chat customer typed no key); once the flow ends, the chat's own
 * messages say what happened, so the area closes.
 */
function isShown(state: FlowState): boolean {
  return state.step !== 'ended' && state.step !== 'key';
}
