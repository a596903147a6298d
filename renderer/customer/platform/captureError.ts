/** Why getDisplayMedia failed, in the two ways the customer can act on. */
export type CaptureProblem = 'denied' | 'failed';

/**
 * NotAllowedError covers both "the customer cancelled the picker" and "the browser or OS
 * refused"; either way the next step is asking again. Anything else is a technical failure.
 */
export function classifyCaptureError(error: unknown): CaptureProblem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return name === 'NotAllowedError' || name === 'PermissionDeniedError' ? 'denied' : 'failed';
}
