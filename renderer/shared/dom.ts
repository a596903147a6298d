/** The one element builder of every page, so views read as the structure they create. */
type Attributes = Readonly<Record<string, string | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

/** Creates an element; `true` sets a boolean attribute, `false`/undefined leaves it out; falsy children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) element.setAttribute(name, '');
    else if (typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child) element.append(child);
  }
  return element;
}

/** A button that never submits a form by accident. */
export function button(className: string, onClick: (event: MouseEvent) => void): HTMLButtonElement {
  const element = h('button', { class: className, type: 'button' });
  element.addEventListener('click', onClick);
  return element;
}

export function show(element: HTMLElement, visible: boolean): void {
  element.hidden = !visible;
}

/** Ids must be unique per page; a counter is enough. */
let idCounter = 0;
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
