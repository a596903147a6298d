import { h, show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';

/**
 * "Ask the customer to read the three words on their screen." and the words of this connection.
 * The words' accessible name stays "Verification words" in every language (the words themselves
 * come from one list for everyone too), so both sides can be checked the same way.
 */
export class VerificationLine {
  readonly element: HTMLElement;
  private readonly words: HTMLElement;

  constructor(texts: DomTexts) {
    const prompt = h('p', { class: 'verification-prompt' });
    texts.set(prompt, text('verification.prompt'));
    this.words = h('p', { class: 'verification-words', role: 'note', 'aria-label': 'Verification words' });
    const mismatch = h('p', { class: 'verification-mismatch' });
    texts.set(mismatch, text('verification.mismatch'));
    this.element = h('div', { class: 'verification' }, prompt, this.words, mismatch);
    show(this.element, false);
  }

  showWords(words: readonly string[] | null): void {
    this.words.textContent = words ? words.join(' ') : '';
    show(this.element, words !== null);
  }
}
