import { text } from '../i18n/textRef';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** getDisplayMedia failed: say why in plain words and offer "Try again" or "Cancel". */
export const captureProblemView: ViewFactory<'capture-problem'> = ({ flow, texts }, { problem }) => {
  const denied = problem === 'denied';
  const title = heading(texts, denied ? text('captureProblem.deniedHeading') : text('captureProblem.failedHeading'));
  const main = card(
    title,
    paragraph(texts, denied ? text('captureProblem.deniedBody') : text('captureProblem.failedBody')),
    paragraph(texts, denied ? text('captureProblem.deniedHint') : text('captureProblem.failedHint')),
    actions(
      button(texts, text('captureProblem.retry'), 'primary', () => flow.retryCapture()),
      button(texts, text('captureProblem.cancel'), 'secondary', () => flow.cancel()),
    ),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
