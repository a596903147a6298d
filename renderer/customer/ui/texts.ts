import type { TextRef } from '../i18n/textRef';
import type { Translator } from '../i18n/translator';

/**
 * Puts translated text into elements and remembers what went where, so switching the language
 * re-translates everything on screen without rebuilding it (typed input and focus stay).
 */
export class Texts {
  private readonly bound = new Map<Element, Map<string, TextRef | null>>();

  constructor(private readonly translator: Translator) {}

  translate(ref: TextRef): string {
    return this.translator.translate(ref);
  }

  /** Sets an element's text; null empties it. */
  set<E extends Element>(element: E, ref: TextRef | null): E {
    return this.bind(element, '', ref);
  }

  /** Sets an attribute such as aria-label; null removes it. */
  attr<E extends Element>(element: E, name: string, ref: TextRef | null): E {
    return this.bind(element, name, ref);
  }

  refresh(): void {
    for (const [element, targets] of this.bound) {
      for (const [target, ref] of targets) this.apply(element, target, ref);
    }
  }

  private bind<E extends Element>(element: E, target: string, ref: TextRef | null): E {
    const targets = this.bound.get(element) ?? new Map<string, TextRef | null>();
    this.bound.set(element, targets);
    targets.set(target, ref);
    this.apply(element, target, ref);
    return element;
  }

  private apply(element: Element, target: string, ref: TextRef | null): void {
    const value = ref === null ? null : this.translator.translate(ref);
    if (target === '') element.textContent = value ?? '';
    else if (value === null) element.removeAttribute(target);
    else element.setAttribute(target, value);
  }
}
