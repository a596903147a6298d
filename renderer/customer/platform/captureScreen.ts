import type { ShareSurface } from '../../../signaling/protocol';
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

/**
 * What the customer picked in the browser's dialog: a screen ('monitor'), or a window or tab
 * (a tab is a part of one window). Browsers that do not say are taken at their word for a screen.
 */
export function surfaceOfStream(stream: MediaStream): ShareSurface {
  const settings: MediaTrackSettings & { displaySurface?: string } = stream.getVideoTracks()[0]?.getSettings() ?? {};
  return settings.displaySurface === 'window' || settings.displaySurface === 'browser' ? 'window' : 'screen';
}
