import { show } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { text } from '../i18n/textRef';
import { HistoryView } from './historyView';

export interface HistoryToggle {
  /** Signed in: the header's History button appears. */
  enable(): void;
  /** Signed out: back to the console's place, button gone. */
  disable(): void;
  /** The language changed: times in the table follow it. */
  relocalize(): void;
}

/**
 * The header's History button: it swaps the console (which keeps running, its shares live) for
 * the history view and back. The view enters the page only when first opened.
 */
export function wireHistoryToggle(app: HTMLElement, toggle: HTMLButtonElement, texts: DomTexts): HistoryToggle {
  let view: HistoryView | undefined;
  const isOpen = () => view !== undefined && !view.element.hidden;
  const open = (opened: boolean) => {
    if (opened && !view) {
      view = new HistoryView(texts);
      app.after(view.element);
      toggle.setAttribute('aria-controls', view.element.id);
    }
    show(app, !opened);
    if (view) show(view.element, opened);
    texts.set(toggle, text(opened ? 'history.close' : 'history.open'));
    toggle.setAttribute('aria-expanded', String(opened));
    if (opened && view) {
      view.focus();
      void view.reload();
    }
  };
  open(false);
  toggle.addEventListener('click', () => open(!isOpen()));
  return {
    enable: () => show(toggle, true),
    disable: () => {
      open(false);
      show(toggle, false);
    },
    relocalize: () => {
      if (isOpen()) void view?.reload();
    },
  };
}
