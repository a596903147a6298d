import { text } from '../i18n/textRef';
import { h } from '../../shared/dom';
import { button, card, factList, heading } from './parts';
import type { ViewFactory } from './view';
import { marksPreview } from './marksPreview';

/** While sharing: an unmistakable bar across the top with "Stop sharing", and what it means. */
export const sharingView: ViewFactory<'sharing'> = ({ flow, texts }, initial) => {
  const agent = initial.agent.displayName;
  const barText = texts.set(h('p', { role: 'status', class: 'sharing-text' }), text('sharing.bar', { agent }));
  // The bar keeps saying that the screen is shared; a reconnect only adds a notice.
  const reconnectNote = texts.set(h('span', { class: 'sharing-reconnecting' }), text('sharing.reconnecting'));
  const stop = button(texts, text('sharing.stop'), 'danger', () => flow.stop());
  // One button that changes its name keeps the keyboard focus where it was.
  let paused = initial.paused;
  const pause = button(texts, text('sharing.pause'), 'secondary', () => (paused ? flow.resume() : flow.pause()));
  pause.classList.add('sharing-pause');
  const banner = texts.set(
    h(
      'section',
      { class: 'sharing-bar' },
      h('span', { class: 'live-dot', 'aria-hidden': 'true' }),
      barText,
      reconnectNote,
      pause,
      stop,
    ),
    text('sharing.barLabel'),
    'label',
  );
  const connection = h('p', { class: 'connection', 'aria-live': 'polite' });
  // The accessible name stays "Verification words" in every language, like the words themselves.
  const words = h('p', { class: 'verification-words', role: 'note', 'aria-label': 'Verification words' });
  const verification = h(
    'div',
    { class: 'verification', hidden: true },
    texts.set(h('p', { class: 'verification-intro' }), text('sharing.verifyIntro', { agent })),
    words,
  );
  const marks = marksPreview(texts, agent, initial.marksOnScreen ? null : flow.sharedStream, (shown) => flow.setMarksShown(shown));
  const main = card(
    heading(texts, text('sharing.heading')),
    connection,
    verification,
    marks.element,
    factList(texts, [text(initial.surface === 'window' ? 'sharing.seeOnlyWindow' : 'sharing.seeOnly', { agent }), text('sharing.howToStop')]),
  );
  const update = (state: typeof initial) => {
    paused = state.paused;
    texts.set(pause, text(paused ? 'sharing.resume' : 'sharing.pause'));
    texts.set(barText, text(paused ? 'sharing.pausedBar' : 'sharing.bar', { agent }));
    banner.classList.toggle('is-paused', paused);
    if (paused) texts.set(connection, text('sharing.pausedDetail', { agent }));
    else if (state.reconnecting) texts.set(connection, text('sharing.reconnectingDetail'));
    else texts.set(connection, state.connected ? text('sharing.connected', { agent }) : text('sharing.connecting', { agent }));
    connection.classList.toggle('connection-ok', state.connected && !state.reconnecting && !paused);
    connection.classList.toggle('connection-reconnecting', state.reconnecting);
    reconnectNote.hidden = !state.reconnecting;
    banner.classList.toggle('is-reconnecting', state.reconnecting);
    words.textContent = state.words?.join(' ') ?? '';
    verification.hidden = state.words === null;
    marks.update(state.marks, state.marksShown);
  };
  update(initial);
  return { main, banner, update, focus: () => stop.focus() };
};
