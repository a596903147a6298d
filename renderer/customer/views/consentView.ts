import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { actions, button, card, factList, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** Step 2: who is asking, and the customer's explicit yes or no. */
export const consentView: ViewFactory<'consent'> = ({ flow, texts }, { agent }) => {
  const params = { agent: agent.displayName, organisation: agent.organisation };
  const initial = agent.displayName.trim().charAt(0).toUpperCase() || '?';
  const title = heading(texts, text('consent.heading'));
  const main = card(
    h('div', { class: 'avatar', 'aria-hidden': 'true' }, initial),
    title,
    paragraph(texts, text('consent.request', params), 'request'),
    factList(texts, [
      text('consent.seeOnly', params),
      text('consent.stopAnyTime'),
      text('consent.privacy'),
    ]),
    actions(
      button(texts, text('consent.share'), 'primary', () => flow.accept()),
      button(texts, text('consent.decline'), 'secondary', () => flow.decline()),
    ),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
