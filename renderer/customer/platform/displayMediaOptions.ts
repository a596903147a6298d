/**
 * Options Chromium understands beyond TypeScript's DOM types. Unknown members are ignored by
 * browsers that lack them (WebIDL dictionaries), so passing them everywhere is safe.
 */
export interface ScreenCaptureOptions extends DisplayMediaStreamOptions {
  selfBrowserSurface?: 'include' | 'exclude';
  monitorTypeSurfaces?: 'include' | 'exclude';
  surfaceSwitching?: 'include' | 'exclude';
}

/**
 * Prefer the whole screen at its native resolution: Chromium (checked with 1.65 against a real
 * 1920×1080 X display) delivers 1920×1080 with these ideals, but only 1280×720 without size
 * hints, and it never scales above the screen's own size.
 */
export const SCREEN_CAPTURE_OPTIONS: ScreenCaptureOptions = {
  video: {
    displaySurface: 'monitor',
    frameRate: { ideal: 30 },
    width: { ideal: 3840 },
    height: { ideal: 2160 },
  },
  audio: false,
  selfBrowserSurface: 'exclude',
  monitorTypeSurfaces: 'include',
  surfaceSwitching: 'exclude',
};

/** For browsers that reject the options above with a TypeError. */
export const PLAIN_CAPTURE_OPTIONS: DisplayMediaStreamOptions = { video: true, audio: false };
