import type { TextRef } from './textRef';
import type { Translator } from './translator';

/** Which part of an element a TextRef fills. */
type Slot = 'text' | 'label' | 'title' | 'placeholder';

const ATTRIBUTE: Record<Slot, string> = {
  text: 'data-i18n-text',
  label: 'data-i18n-label',
  title: 'data-i18n-title',
  placeholder: 'data-i18n-placeholder',
};

/**
 * Puts translated text into the DOM and remembers the TextRef on the element (as a data
 * attribute), so a language switch can re-translate the whole page in place.
 */
export class DomTexts {
  constructor(readonly translator: Translator) {}

  get locale() {
    return this.translator.locale;
  }

  translate(ref: TextRef): string {
    return this.translator.translate(ref);
  }

  set(element: Element, ref: TextRef, slot: Slot = 'text'): void {
    element.setAttribute(ATTRIBUTE[slot], JSON.stringify(ref));
    this.apply(element, slot, ref);
  }

  /** Removes a text, so a language switch will not bring it back. */
  clear(element: Element, slot: Slot = 'text'): void {
    element.removeAttribute(ATTRIBUTE[slot]);
    this.apply(element, slot, null);
  }

  retranslate(root: ParentNode): void {
    for (const slot of Object.keys(ATTRIBUTE) as Slot[]) {
      const attribute = ATTRIBUTE[slot];
      for (const element of root.querySelectorAll(`[${attribute}]`)) {
        const stored = element.getAttribute(attribute);
        if (stored) this.apply(element, slot, JSON.parse(stored) as TextRef);
      }
    }
  }

  private apply(element: Element, slot: Slot, ref: TextRef | null): void {
    const value = ref ? this.translate(ref) : '';
    if (slot === 'text') element.textContent = value;
    else if (slot === 'label') setOrRemove(element, 'aria-label', value);
    else setOrRemove(element, slot, value);
  }
}

function setOrRemove(element: Element, attribute: string, value: string): void {
  if (value) element.setAttribute(attribute, value);
  else element.removeAttribute(attribute);
}
