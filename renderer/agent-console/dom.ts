/** A small element builder, so views read as the structure they create. */
export interface ElementOptions {
  class?: string;
  attrs?: Record<string, string>;
  /** Plain, untranslated text (a key, a name, a number). */
  text?: string;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (options.class) element.className = options.class;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  if (options.text !== undefined) element.textContent = options.text;
  element.append(...children);
  return element;
}

/** A button that never submits a form by accident. */
export function button(className: string, onClick: (event: MouseEvent) => void): HTMLButtonElement {
  const element = h('button', { class: className, attrs: { type: 'button' } });
  element.addEventListener('click', onClick);
  return element;
}

export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}
