import type { Clock } from '../../shared/clock';
import { button, h, show } from '../../shared/dom';
import { text, type DomTexts, type TextRef } from '../i18n/textRef';
import { copyToClipboard } from './copyToClipboard';
import type { SessionPanelState } from './sessionModel';

const COPIED_VISIBLE_MS = 2000;

/** What the key card shows: the part of a panel's state about the key. */
export type KeyCardState = Pick<SessionPanelState, 'keyShown' | 'keyDigits' | 'keyExpired' | 'copyEnabled' | 'countdown'>;

/**
 * The security key the agent reads aloud in a voice share: its digits, "Copy" (with a short
 * "Copied"), "New key", and how long the key stays valid. A new key is also said once to screen
 * readers, through `announcer` (which belongs in the panel's header).
 */
export class KeyCard {
  readonly element: HTMLElement;
  /** Says each new key once to screen readers (the card itself is not a live region). */
  readonly announcer = h('p', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  private readonly digits: HTMLElement;
  private readonly countdown: HTMLElement;
  private readonly copied: HTMLElement;
  private readonly copyButton: HTMLButtonElement;
  private readonly renewButton: HTMLButtonElement;
  private copiedTimer: unknown;
  private key = '';

  constructor(
    private readonly texts: DomTexts,
    private readonly clock: Clock,
    onRenew: () => void,
  ) {
    const hint = h('p', { class: 'key-hint' });
    texts.set(hint, text('session.keyHint'));
    this.digits = h('div', { class: 'key', role: 'group' });
    texts.set(this.digits, text('session.keyLabel'), 'label');
    this.countdown = h('p', { class: 'countdown' });
    this.copyButton = button('button button-secondary', () => void this.copy());
    texts.set(this.copyButton, text('session.copy'));
    this.renewButton = button('button button-secondary', onRenew);
    texts.set(this.renewButton, text('session.newKey'));
    this.copied = h('span', { class: 'copied', 'aria-live': 'polite' });
    this.element = h(
      'div',
      { class: 'key-block' },
      hint,
      this.digits,
      h('div', { class: 'key-actions' }, this.copyButton, this.renewButton, this.copied, this.countdown),
    );
    show(this.element, false);
  }

  /** A new key arrived: screen readers hear it once. */
  announce(formattedKey: string): void {
    this.texts.set(this.announcer, text('session.keyAnnounce', { key: formattedKey }));
  }

  render(state: KeyCardState): void {
    this.key = state.keyDigits;
    show(this.element, state.keyShown);
    if (this.digits.textContent !== state.keyDigits) this.digits.textContent = state.keyDigits;
    show(this.digits, state.keyDigits !== '');
    this.copyButton.disabled = !state.copyEnabled;
    this.element.classList.toggle('is-expired', state.keyExpired);
    this.showCountdown(state.countdown);
    // An expired key: "New key" becomes the thing to press.
    this.renewButton.classList.toggle('button-primary', state.keyExpired);
    this.renewButton.classList.toggle('button-secondary', !state.keyExpired);
  }

  /** The countdown's text (it ticks four times a second). */
  showCountdown(countdown: TextRef | null): void {
    if (countdown) this.texts.setIfChanged(this.countdown, countdown);
  }

  dispose(): void {
    this.clock.clearTimeout(this.copiedTimer);
  }

  private async copy(): Promise<void> {
    const copied = await copyToClipboard(this.key);
    this.texts.set(this.copied, text(copied ? 'session.copied' : 'session.copyFailed'));
    this.copied.classList.toggle('copied-failed', !copied);
    this.clock.clearTimeout(this.copiedTimer);
    this.copiedTimer = this.clock.setTimeout(() => this.texts.clear(this.copied), COPIED_VISIBLE_MS);
  }
}
