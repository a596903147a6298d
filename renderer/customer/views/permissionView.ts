import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** macOS only: Screen Recording is not allowed yet, so capture would deliver black frames. */
export const permissionView: ViewFactory<'permission'> = ({ flow, texts, product }, { agent }) => {
  const title = heading(texts, text('permission.heading'));
  const main = card(
    title,
    paragraph(texts, text('permission.explanation', { product, agent: agent.displayName })),
    h(
      'ol',
      { class: 'steps' },
      texts.set(h('li'), text('permission.step1')),
      texts.set(h('li'), text('permission.step2', { product })),
      texts.set(h('li'), text('permission.step3', { product })),
    ),
    actions(
      button(texts, text('permission.openSettings'), 'primary', () => flow.openPermissionSettings()),
      button(texts, text('permission.checkAgain'), 'secondary', () => flow.recheckPermission()),
      button(texts, text('permission.cancel'), 'secondary', () => flow.cancel()),
    ),
  );
  return { main, update: () => undefined, focus: () => title.focus() };
};
