import { text, type TextKey } from '../i18n/textRef';
import type { CaptureProblem } from '../platform/captureError';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

const TEXTS: Record<CaptureProblem, { heading: TextKey; body: TextKey; hint: TextKey }> = {
  denied: { heading: 'captureProblem.deniedHeading', body: 'captureProblem.deniedBody', hint: 'captureProblem.deniedHint' },
  failed: { heading: 'captureProblem.failedHeading', body: 'captureProblem.failedBody', hint: 'captureProblem.failedHint' },
  'whole-screen': { heading: 'captureProblem.wholeScreenHeading', body: 'captureProblem.wholeScreenBody', hint: 'captureProblem.wholeScreenHint' },
};

/** getDisplayMedia failed (or gave a window where only screens may go): say why in plain words and offer "Try again" or "Cancel". */
export const captureProblemView: ViewFactory<'capture-problem'> = ({ flow, texts }, { problem }) => {
  const words = TEXTS[problem];
  const title = heading(texts, text(words.heading));
  const main = card(
    title,
    paragraph(texts, text(words.body)),
    paragraph(texts, text(words.hint)),
    actions(
      button(texts, text('captureProblem.retry'), 'primary', () => flow.retryCapture()),
      button(texts, text('captureProblem.cancel'), 'secondary', () => flow.cancel()),
    ),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
