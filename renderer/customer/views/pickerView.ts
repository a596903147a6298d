import type { ScreenInfo } from '../../../preload/contract/desktopApi';
import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/** Desktop app with several displays: one big button per screen, with its live thumbnail. */
export const pickerView: ViewFactory<'picker'> = ({ flow, texts }, initial) => {
  const title = heading(texts, text('picker.heading'));
  const list = texts.set(h('ul', { class: 'screens' }), text('picker.listLabel'), 'label');
  const thumbnails = new Map<string, HTMLImageElement>();

  const rebuild = (screens: readonly ScreenInfo[]) => {
    thumbnails.clear();
    list.replaceChildren(
      ...screens.map((screen) => {
        const image = h('img', { class: 'screen-thumbnail', alt: '', src: screen.thumbnailDataUrl });
        thumbnails.set(screen.id, image);
        const choose = h('button', { type: 'button', class: 'screen-choice' }, image, h('span', {}, screen.name));
        choose.addEventListener('click', () => void flow.chooseScreen(screen.id));
        return h('li', {}, choose);
      }),
    );
  };

  let shownIds = '';
  const update = (state: typeof initial) => {
    const ids = state.screens.map((screen) => `${screen.id}\n${screen.name}`).join('\n\n');
    if (ids !== shownIds) rebuild(state.screens);
    else for (const screen of state.screens) thumbnails.get(screen.id)?.setAttribute('src', screen.thumbnailDataUrl);
    shownIds = ids;
  };
  update(initial);

  const main = card(
    title,
    paragraph(texts, text('picker.intro', { agent: initial.agent.displayName })),
    list,
    actions(button(texts, text('picker.cancel'), 'secondary', () => flow.cancel())),
  );
  return { main, update, focus: () => title.focus() };
};
