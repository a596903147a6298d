import type { TextRef } from '../i18n/textRef';
import { h } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';

/** A card's main heading; focusable by script so screen readers start reading at the top. */
export function heading(texts: DomTexts, ref: TextRef): HTMLHeadingElement {
  return texts.set(h('h1', { tabindex: '-1' }), ref);
}

export function paragraph(texts: DomTexts, ref: TextRef, className?: string): HTMLParagraphElement {
  return texts.set(h('p', { class: className }), ref);
}

export function button(
  texts: DomTexts,
  ref: TextRef,
  kind: 'primary' | 'secondary' | 'danger',
  onClick: () => void,
): HTMLButtonElement {
  const element = texts.set(h('button', { type: 'button', class: `button button-${kind}` }), ref);
  element.addEventListener('click', onClick);
  return element;
}

export function factList(texts: DomTexts, refs: readonly TextRef[]): HTMLUListElement {
  return h('ul', { class: 'facts' }, ...refs.map((ref) => texts.set(h('li'), ref)));
}

export function card(...children: (Node | null)[]): HTMLElement {
  return h('section', { class: 'card' }, ...children);
}

export function actions(...buttons: HTMLButtonElement[]): HTMLDivElement {
  return h('div', { class: 'actions' }, ...buttons);
}
