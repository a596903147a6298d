import { h } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';

/** Long enough for a name plus a ticket number; longer labels are cut. */
export const MAX_SESSION_LABEL_CHARS = 80;

export interface SessionIdentityInit {
  /** The label the agent typed, the chat customer's name, or a contact-center conversation id. */
  label?: string;
  /** Voice shares: the agent types the label. Chat shares show the customer's name as it is. */
  editable: boolean;
  /** When the session started; unknown for a session restored from an older console. */
  startedAt?: number;
  onLabelChange?(label: string): void;
}

/** Who a screen share is with and since when: "Carla · started 14:02". */
export class SessionIdentity {
  readonly element: HTMLElement;
  private currentLabel: string;
  private readonly startedAt: number | undefined;

  constructor(texts: DomTexts, init: SessionIdentityInit) {
    this.currentLabel = (init.label ?? '').slice(0, MAX_SESSION_LABEL_CHARS);
    this.startedAt = init.startedAt;
    this.element = h('div', { class: 'session-identity' });
    if (init.editable) {
      const input = h('input', { class: 'input session-label', type: 'text', maxlength: String(MAX_SESSION_LABEL_CHARS), autocomplete: 'off', spellcheck: 'false' });
      input.value = this.currentLabel;
      texts.set(input, text('session.labelField'), 'label');
      texts.set(input, text('session.labelPlaceholder'), 'placeholder');
      input.addEventListener('change', () => {
        this.currentLabel = input.value.trim().slice(0, MAX_SESSION_LABEL_CHARS);
        init.onLabelChange?.(this.currentLabel);
      });
      this.element.append(input);
    } else if (this.currentLabel) {
      this.element.append(h('span', { class: 'session-who' }, this.currentLabel));
    }
    if (this.startedAt !== undefined) {
      const time = new Date(this.startedAt).toLocaleTimeString(texts.locale, { hour: '2-digit', minute: '2-digit' });
      const started = h('span', { class: 'session-started' });
      texts.set(started, text('session.startedAt', { time }));
      this.element.append(started);
    }
  }

  get label(): string {
    return this.currentLabel;
  }

  /** What a reload needs to show the same identity. */
  remembered(): { label?: string; startedAt?: number } {
    return {
      ...(this.currentLabel ? { label: this.currentLabel } : {}),
      ...(this.startedAt !== undefined ? { startedAt: this.startedAt } : {}),
    };
  }
}
