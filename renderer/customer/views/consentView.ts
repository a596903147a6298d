import { text, type DomTexts } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { actions, button, card, factList, heading, paragraph } from './parts';
import type { ShownConsent } from '../flow/customerFlow';
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
      button(texts, text('consent.share'), 'primary', () => flow.accept(shownConsent(texts, params))),
      button(texts, text('consent.decline'), 'secondary', () => flow.decline()),
    ),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};

/** What the customer agreed to, word for word in the language on screen: kept as the consent's receipt. */
function shownConsent(texts: DomTexts, params: { agent: string; organisation: string }): ShownConsent {
  const request = texts.translate(text('consent.request', params));
  const whole = `${request}. ${texts.translate(text('consent.seeOnly', params))} ${texts.translate(text('consent.stopAnyTime'))}`;
  // The server keeps up to 400 characters; very long names leave just the request itself.
  return { sentence: whole.length <= 400 ? whole : request.slice(0, 400), language: texts.locale };
}
