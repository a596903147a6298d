import type { OverlayApi, OverlayMarks } from '../../preload/contract/overlayApi';
import { OVERLAY_API_GLOBAL } from '../../preload/contract/overlayGlobal';

/**
 * The pointer overlay window's page: draws the agent's marks over the shared display. The window
 * covers exactly that display, so a 0..1 mark is a percentage of this page.
 */
const SVG = 'http://www.w3.org/2000/svg';
const api = (window as unknown as Record<string, OverlayApi | undefined>)[OVERLAY_API_GLOBAL];
const strokes = document.getElementById('strokes');
const point = document.getElementById('point');

function draw(marks: OverlayMarks): void {
  if (point) {
    point.hidden = marks.point === null;
    if (marks.point) {
      point.style.left = `${marks.point.x * 100}%`;
      point.style.top = `${marks.point.y * 100}%`;
    }
  }
  strokes?.replaceChildren(
    ...marks.strokes.map((line) => {
      const polyline = document.createElementNS(SVG, 'polyline');
      polyline.setAttribute('points', line.map(([x, y]) => `${x},${y}`).join(' '));
      return polyline;
    }),
  );
}

api?.onMarks(draw);
