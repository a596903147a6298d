import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** After a reload: the page is taking the session back with its saved token. */
export const resumingView: ViewFactory<'resuming'> = ({ texts }) => {
  const title = heading(texts, text('resume.reconnecting'));
  const main = card(
    h('div', { class: 'spinner', 'aria-hidden': 'true' }),
    title,
    paragraph(texts, text('resume.reconnectingDetail'), 'intro'),
  );
  main.setAttribute('aria-busy', 'true');
  return { main, update: () => undefined, focus: () => title.focus() };
};
