import type { ScreenInfo } from '../../../preload/contract/desktopApi';
import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { actions, button, card, heading, paragraph } from './parts';
import type { ViewFactory } from './view';

/**
 * Desktop app with several displays (or windows, where the operator allows sharing one): one big
 * button per screen, then one per window, each with its live thumbnail.
 */
export const pickerView: ViewFactory<'picker'> = ({ flow, texts }, initial) => {
  const withWindows = initial.screens.some((screen) => screen.kind === 'window');
  const title = heading(texts, text(withWindows ? 'picker.headingWithWindows' : 'picker.heading'));
  const screenList = texts.set(h('ul', { class: 'screens' }), text('picker.listLabel'), 'label');
  const windowList = texts.set(h('ul', { class: 'screens screens-windows' }), text('picker.windowsLabel'), 'label');
  const thumbnails = new Map<string, HTMLImageElement>();

  const choice = (screen: ScreenInfo) => {
    const image = h('img', { class: 'screen-thumbnail', alt: '', src: screen.thumbnailDataUrl });
    thumbnails.set(screen.id, image);
    const choose = h('button', { type: 'button', class: 'screen-choice' }, image, h('span', {}, screen.name));
    choose.addEventListener('click', () => void flow.chooseScreen(screen.id));
    return h('li', {}, choose);
  };
  const rebuild = (screens: readonly ScreenInfo[]) => {
    thumbnails.clear();
    screenList.replaceChildren(...screens.filter((screen) => screen.kind === 'screen').map(choice));
    windowList.replaceChildren(...screens.filter((screen) => screen.kind === 'window').map(choice));
    windowList.hidden = windowList.childElementCount === 0;
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
    paragraph(texts, text(withWindows ? 'picker.introWithWindows' : 'picker.intro', { agent: initial.agent.displayName })),
    screenList,
    windowList,
    actions(button(texts, text('picker.cancel'), 'secondary', () => flow.cancel())),
  );
  return { main, update, focus: () => title.focus() };
};
