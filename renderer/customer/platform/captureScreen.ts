import { PLAIN_CAPTURE_OPTIONS, SCREEN_CAPTURE_OPTIONS } from './displayMediaOptions';

export function hasDisplayMedia(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getDisplayMedia === 'function';
}

/** Asks for the whole screen; falls back to plain options if this browser rejects ours. */
export async function captureWholeScreen(): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getDisplayMedia(SCREEN_CAPTURE_OPTIONS);
  } catch (error) {
    if (error instanceof TypeError) return navigator.mediaDevices.getDisplayMedia(PLAIN_CAPTURE_OPTIONS);
    throw error;
  }
}
