import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** While the browser's (or the OS's) own screen dialog is open. */
export const choosingView: ViewFactory<'choosing'> = ({ texts }, { browserDialog, windows }) => {
  const title = heading(texts, text('choosing.heading'));
  const main = card(
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    title,
    paragraph(texts, browserDialog ? text(windows ? 'choosing.browserDialogWindows' : 'choosing.browserDialog') : text('choosing.starting'), 'intro'),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
