import { endTexts } from '../flow/endOutcome';
import { text } from '../i18n/textRef';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** Every end leads here, and from here always back to a fresh key field. */
export const endedView: ViewFactory<'ended'> = ({ flow, texts }, { outcome, agent }) => {
  const words = endTexts(outcome, agent?.displayName ?? '');
  const title = heading(texts, words.heading);
  const main = card(
    title,
    paragraph(texts, words.message, 'outcome'),
    paragraph(texts, words.hint),
    actions(button(texts, text('ended.startOver'), 'primary', () => flow.startOver())),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
