import type { OverlayMarks } from '../preload/contract/overlayApi';
import type { SharedSource } from './capture';
import type { PointerOverlay } from './pointerOverlay';

/**
 * Where the customer page's marks go in the app: onto the overlay window over the display being
 * shared, while a whole screen is shared. A window has no place on a display we could cover, so
 * then (and when nothing is shared) the overlay stays hidden and the page shows its own preview.
 */
export interface MarksOnScreenDeps {
  overlay: Pick<PointerOverlay, 'showOver' | 'draw' | 'hide'>;
  /** What getDisplayMedia() was given last (capture.shared()). */
  shared(): SharedSource | undefined;
  /** Whether the customer page says it is sharing. */
  sharing(): boolean;
}

export function isEmpty(marks: OverlayMarks): boolean {
  return marks.point === null && marks.strokes.length === 0;
}

/** Answers whether the marks are drawn over the screen (false: the page must show them itself). */
export function createMarksOnScreen(deps: MarksOnScreenDeps): (marks: OverlayMarks) => boolean {
  return (marks) => {
    const source = deps.shared();
    if (!deps.sharing() || source?.kind !== 'screen') {
      deps.overlay.hide();
      return false;
    }
    if (isEmpty(marks)) {
      deps.overlay.hide();
      return true;
    }
    deps.overlay.showOver(source.displayId);
    deps.overlay.draw(marks);
    return true;
  };
}
