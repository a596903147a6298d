import { button, h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text, type TextRef } from '../i18n/textRef';

/** The bar that says the server connection is gone, with the one action that fixes it. */
export class ConnectionBanner {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly hint: HTMLElement;
  private readonly reconnectButton: HTMLButtonElement;

  constructor(
    private readonly texts: DomTexts,
    onReconnect: () => void,
  ) {
    this.title = h('strong', { class: 'banner-title' });
    this.hint = h('span', { class: 'banner-hint' });
    this.reconnectButton = button('button button-primary', onReconnect);
    this.element = h(
      'div',
      { class: 'banner', role: 'alert' },
      h('p', { class: 'banner-text' }, this.title, this.hint),
      this.reconnectButton,
    );
    show(this.element, false);
  }

  showLost(title: TextRef, hint: TextRef | null): void {
    this.texts.set(this.title, title);
    if (hint) this.texts.set(this.hint, hint);
    else this.texts.clear(this.hint);
    this.reconnectButton.disabled = false;
    this.texts.set(this.reconnectButton, text('console.reconnect'));
    show(this.element, true);
  }

  showReconnecting(): void {
    this.reconnectButton.disabled = true;
    this.texts.set(this.reconnectButton, text('console.reconnecting'));
  }

  hide(): void {
    show(this.element, false);
  }

  get visible(): boolean {
    return !this.element.hidden;
  }
}
