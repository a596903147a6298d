import { text } from '../i18n/textRef';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/**
 * After a reload mid-share: the agent is still there, but the browser only lets a page capture the
 * screen after a click, so one clear button picks the share up again.
 */
export const resumeShareView: ViewFactory<'resume-share'> = ({ flow, texts }, { agent }) => {
  const params = { agent: agent.displayName };
  const title = heading(texts, text('resume.heading', params));
  const proceed = button(texts, text('resume.continue'), 'primary', () => flow.continueSharing());
  const main = card(
    title,
    paragraph(texts, text('resume.explain', params), 'intro'),
    actions(proceed, button(texts, text('resume.stop'), 'secondary', () => flow.stop())),
  );
  return { main, update: () => undefined, focus: () => proceed.focus() };
};
