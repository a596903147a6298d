import type { PictureZoom, Point } from './pictureZoom';

export const ZOOM_STEP = 1.25;
/** Arrow keys move the picture by this share of the stage. */
const KEY_PAN_SHARE = 0.1;

export interface ZoomGestureTarget {
  readonly zoom: PictureZoom;
  /** Whether a plain wheel (without Ctrl) zooms: in fullscreen, where there is no page to scroll. */
  plainWheelZooms(): boolean;
  /** The zoom or the position changed: draw it. */
  changed(): void;
}

/**
 * Mouse, touch and keyboard on the picture's stage: Ctrl+wheel or a trackpad pinch zooms at the
 * pointer (a plain wheel too in fullscreen, or pans once zoomed in), two fingers pinch, a drag pans,
 * and the keys + − 0 1 and the arrows do the same from the keyboard.
 */
export function attachZoomGestures(stage: HTMLElement, target: ZoomGestureTarget): void {
  const { zoom } = target;
  const pointers = new Map<number, Point>();
  let pinchDistance = 0;

  const local = (event: { clientX: number; clientY: number }): Point => {
    const box = stage.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  stage.addEventListener(
    'wheel',
    (event) => {
      if (event.ctrlKey || event.metaKey || target.plainWheelZooms()) {
        event.preventDefault();
        zoom.zoomBy(Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.002)), local(event));
      } else if (zoom.isZoomed) {
        event.preventDefault();
        zoom.panBy(-event.deltaX, -event.deltaY);
      } else {
        return;
      }
      target.changed();
    },
    { passive: false },
  );

  stage.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    pointers.set(event.pointerId, local(event));
    stage.setPointerCapture(event.pointerId);
    if (pointers.size === 2) pinchDistance = distance([...pointers.values()]);
  });
  stage.addEventListener('pointermove', (event) => {
    const previous = pointers.get(event.pointerId);
    if (!previous) return;
    const now = local(event);
    pointers.set(event.pointerId, now);
    if (pointers.size === 2) {
      const points = [...pointers.values()];
      const next = distance(points);
      if (pinchDistance > 0) zoom.zoomBy(next / pinchDistance, middle(points));
      pinchDistance = next;
    } else if (pointers.size === 1) {
      zoom.panBy(now.x - previous.x, now.y - previous.y);
    }
    target.changed();
  });
  const release = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    pinchDistance = 0;
  };
  stage.addEventListener('pointerup', release);
  stage.addEventListener('pointercancel', release);

  stage.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key.startsWith('Arrow') && !zoom.isZoomed) return; // the page scrolls as usual
    const box = stage.getBoundingClientRect();
    const step = { x: box.width * KEY_PAN_SHARE, y: box.height * KEY_PAN_SHARE };
    switch (event.key) {
      case '+':
      case '=':
        zoom.zoomBy(ZOOM_STEP);
        break;
      case '-':
        zoom.zoomBy(1 / ZOOM_STEP);
        break;
      case '0':
        zoom.fit();
        break;
      case '1':
        zoom.actualSize();
        break;
      case 'ArrowLeft':
        zoom.panBy(step.x, 0);
        break;
      case 'ArrowRight':
        zoom.panBy(-step.x, 0);
        break;
      case 'ArrowUp':
        zoom.panBy(0, step.y);
        break;
      case 'ArrowDown':
        zoom.panBy(0, -step.y);
        break;
      default:
        return;
    }
    event.preventDefault();
    target.changed();
  });
}

function distance(points: Point[]): number {
  const [a, b] = points;
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}

function middle(points: Point[]): Point {
  const [a, b] = points;
  return a && b ? { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } : { x: 0, y: 0 };
}
