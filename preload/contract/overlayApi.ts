import * as z from 'zod';

/**
 * The contract between the pointer overlay window's preload and its page
 * (`window.screenShareOverlay`), and the customer page's `showMarks()`: the agent's marks that are
 * visible right now, as 0..1 coordinates of the shared screen. The customer page keeps them
 * (rate limit, fading, the customer's switch); the overlay only draws what it is given.
 */
const Fraction = z.number().min(0).max(1);
/** At most this many lines at once (the customer page keeps no more). */
export const MAX_OVERLAY_STROKES = 40;

export const OverlayMarks = z
  .object({
    point: z.object({ x: Fraction, y: Fraction }).strict().nullable(),
    strokes: z.array(z.array(z.tuple([Fraction, Fraction])).min(2).max(32)).max(MAX_OVERLAY_STROKES),
  })
  .strict();
export type OverlayMarks = z.infer<typeof OverlayMarks>;

export interface OverlayApi {
  /** Every change of the marks to draw. Returns an unsubscribe function. */
  onMarks(listener: (marks: OverlayMarks) => void): () => void;
}

export { OVERLAY_API_GLOBAL } from './overlayGlobal';
