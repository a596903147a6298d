import type { TextRef } from './textRef';
import type { Translator } from './translator';

/** Which part of an element a TextRef fills. */
export type TextSlot = 'text' | 'label' | 'title' | 'placeholder';

const ATTRIBUTE: Record<TextSlot, string> = {
  text: 'data-i18n-text',
  label: 'data-i18n-label',
  title: 'data-i18n-title',
  placeholder: 'data-i18n-placeholder',
};

/**
 * The text binder of every page: puts translated text into the DOM and remembers the TextRef on
 * the element (as a data attribute), so a language switch re-translates what is on screen in place
 * (typed input and focus stay) and a removed element takes its texts with it.
 */
export class DomTexts<K extends string> {
  constructor(readonly translator: Translator<K>) {}

  get locale() {
    return this.translator.locale;
  }

  translate(ref: TextRef<K>): string {
    return this.translator.translate(ref);
  }

  /** Fills a slot of the element (its text by default); null empties it. Returns the element. */
  set<E extends Element>(element: E, ref: TextRef<K> | null, slot: TextSlot = 'text'): E {
    if (ref === null) {
      this.clear(element, slot);
      return element;
    }
    element.setAttribute(ATTRIBUTE[slot], JSON.stringify(ref));
    this.apply(element, slot, ref);
    return element;
  }

  /** Removes a text, so a language switch will not bring it back. */
  clear(element: Element, slot: TextSlot = 'text'): void {
    element.removeAttribute(ATTRIBUTE[slot]);
    this.apply(element, slot, null);
  }

  /**
   * set(), but an unchanged text leaves the DOM alone: for texts re-rendered often (a countdown
   * ticking four times a second), and for alerts, which are announced again when set again.
   */
  setIfChanged<E extends Element>(element: E, ref: TextRef<K>, slot: TextSlot = 'text'): E {
    if (element.getAttribute(ATTRIBUTE[slot]) !== JSON.stringify(ref)) this.set(element, ref, slot);
    return element;
  }

  retranslate(root: ParentNode): void {
    for (const slot of Object.keys(ATTRIBUTE) as TextSlot[]) {
      const attribute = ATTRIBUTE[slot];
      if (root instanceof Element && root.hasAttribute(attribute)) this.reapply(root, slot);
      for (const element of root.querySelectorAll(`[${attribute}]`)) this.reapply(element, slot);
    }
  }

  private reapply(element: Element, slot: TextSlot): void {
    const stored = element.getAttribute(ATTRIBUTE[slot]);
    if (stored) this.apply(element, slot, JSON.parse(stored) as TextRef<K>);
  }

  private apply(element: Element, slot: TextSlot, ref: TextRef<K> | null): void {
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
