import type { ScreenInfo } from '../../../preload/contract/desktopApi';
import type { Platform } from '../platform/platform';
import type { Clock } from '../../shared/clock';

export const PICKER_REFRESH_MS = 2_000;

export type CaptureStart = { next: 'permission' } | { next: 'picker'; screens: ScreenInfo[] } | { next: 'capture' };

/**
 * What comes between consent and capture: macOS permission help, our own picker when the app
 * sees several screens (or windows too, where they may be shared), or straight to capture (one
 * screen is chosen without asking).
 */
export async function firstCaptureStep(platform: Platform, withWindows: boolean): Promise<CaptureStart> {
  if ((await platform.capturePermission()) === 'needs-settings') return { next: 'permission' };
  const screens = await platform.listScreens(withWindows);
  if (screens.length > 1) return { next: 'picker', screens };
  const only = screens[0];
  if (only) await platform.chooseScreen(only.id);
  return { next: 'capture' };
}

/** Re-lists the screens every few seconds so the picker's thumbnails stay live. */
export class LiveScreenList {
  private handle: unknown = null;

  constructor(
    private readonly platform: Platform,
    private readonly clock: Clock,
  ) {}

  start(withWindows: boolean, onScreens: (screens: ScreenInfo[]) => void): void {
    this.stop();
    this.handle = this.clock.setInterval(() => {
      this.platform
        .listScreens(withWindows)
        .then((screens) => {
          if (this.handle !== null && screens.length > 0) onScreens(screens);
        })
        .catch((error: unknown) => console.warn('could not refresh the screens', error));
    }, PICKER_REFRESH_MS);
  }

  stop(): void {
    if (this.handle !== null) this.clock.clearInterval(this.handle);
    this.handle = null;
  }
}
