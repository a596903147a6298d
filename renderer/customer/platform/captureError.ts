/** Why getDisplayMedia failed, in the ways the customer can act on ('whole-screen': a window was picked where only screens may be shared). */
export type CaptureProblem = 'denied' | 'failed' | 'whole-screen';

/**
 * NotAllowedError covers both "the customer cancelled the picker" and "the browser or OS
 * refused"; either way the next step is asking again. Anything else is a technical failure.
 */
export function classifyCaptureError(error: unknown): CaptureProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return name === 'NotAllowedError' || name === 'PermissionDeniedError' ? 'denied' : 'failed';
}
