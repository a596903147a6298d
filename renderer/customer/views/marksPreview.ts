import type { MarksView } from '../flow/agentMarks';
import { text, type TextKey } from '../i18n/textRef';
import { h } from '../../shared/dom';
import type { DomTexts } from '../i18n/textRef';
import { previewPlayback, previewShouldPlay } from './previewPlayback';

const SVG = 'http://www.w3.org/2000/svg';
const THIRDS = ['top', 'middle', 'bottom'] as const;
const REGION: Record<string, TextKey> = {
  'top-0': 'marks.pointing.topLeft',
  'top-1': 'marks.pointing.top',
  'top-2': 'marks.pointing.topRight',
  'middle-0': 'marks.pointing.left',
  'middle-1': 'marks.pointing.centre',
  'middle-2': 'marks.pointing.right',
  'bottom-0': 'marks.pointing.bottomLeft',
  'bottom-1': 'marks.pointing.bottom',
  'bottom-2': 'marks.pointing.bottomRight',
};

/** Which ninth of the screen a point is in, as a sentence key. */
export function pointingSentence(x: number, y: number): TextKey {
  const third = (value: number) => Math.min(2, Math.floor(value * 3));
  return REGION[`${THIRDS[third(y)]}-${third(x)}`] ?? 'marks.pointing.centre';
}

/**
 * In the browser nothing can draw over the desktop, so the page shows a small preview of the
 * customer's own shared screen with the agent's marks on it (live while there are marks, else a
 * still: previewPlayback.ts), says in words where the agent points,
 * and has a switch to turn the marks off. Without a stream (the app draws the marks over the real
 * screen) only the sentence and the switch remain.
 */
export function marksPreview(texts: DomTexts, agent: string, stream: MediaStream | null, onShown: (shown: boolean) => void) {
  const video = h('video', { class: 'marks-video', muted: true, autoplay: true, playsinline: true });
  video.muted = true;
  if (stream) video.srcObject = stream;
  const playPreview = previewPlayback(video);
  texts.set(video, text('marks.preview', { agent }), 'label');
  const layer = document.createElementNS(SVG, 'svg');
  layer.setAttribute('class', 'marks-layer');
  layer.setAttribute('viewBox', '0 0 1 1');
  layer.setAttribute('preserveAspectRatio', 'none');
  layer.setAttribute('aria-hidden', 'true');
  const dot = h('div', { class: 'marks-point', hidden: true });
  const stage = h('div', { class: 'marks-stage' }, video, dot);
  stage.append(layer);
  const sentence = h('p', { class: 'marks-sentence', 'aria-live': 'polite' });
  const toggle = h('input', { type: 'checkbox', checked: true, class: 'marks-toggle' });
  toggle.addEventListener('change', () => onShown(toggle.checked));
  const onScreen = stream === null;
  stage.hidden = onScreen;
  const toggleLabel = h('label', { class: 'marks-switch' }, toggle, texts.set(h('span'), text(onScreen ? 'marks.showOnScreen' : 'marks.show', { agent })));
  const element = texts.set(h('section', { class: 'marks' }, toggleLabel, stage, sentence), text('marks.label', { agent }), 'label');

  const update = (marks: MarksView, shown: boolean) => {
    toggle.checked = shown;
    stage.hidden = !shown || onScreen;
    playPreview(!onScreen && previewShouldPlay(marks, shown));
    const point = shown ? marks.point : null;
    dot.hidden = point === null;
    if (point) {
      dot.style.left = `${point.x * 100}%`;
      dot.style.top = `${point.y * 100}%`;
      // Where on the real screen, in captured pixels: what a person would check against the click.
      const settings = stream?.getVideoTracks()[0]?.getSettings();
      dot.dataset.x = String(point.x);
      dot.dataset.y = String(point.y);
      if (settings?.width && settings.height) {
        dot.dataset.screenX = String(Math.round(point.x * settings.width));
        dot.dataset.screenY = String(Math.round(point.y * settings.height));
      }
    }
    layer.replaceChildren(
      ...(shown ? marks.strokes : []).map((points) => {
        const line = document.createElementNS(SVG, 'polyline');
        line.setAttribute('points', points.map(([x, y]) => `${x},${y}`).join(' '));
        line.setAttribute('class', 'marks-stroke');
        return line;
      }),
    );
    if (!shown) texts.set(sentence, null);
    else if (point) texts.set(sentence, text(pointingSentence(point.x, point.y), { agent }));
    else if (marks.strokes.length > 0) texts.set(sentence, text('marks.drawing', { agent }));
    else texts.set(sentence, text(onScreen ? 'marks.noneOnScreen' : 'marks.none', { agent }));
  };
  return { element, update };
}
