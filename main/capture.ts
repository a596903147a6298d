import type { DesktopCapturerSource, NativeImage, Session, SourcesOptions, WebFrameMain } from 'electron';
import type { ScreenInfo } from '../preload/contract/desktopApi';

/**
 * Answers the renderer's getDisplayMedia() with a whole screen, never a single window.
 *
 * - App picker (Windows, macOS, Linux X11): the renderer lists the screens, the customer picks
 *   one (no choice needed with a single display), and the next getDisplayMedia() gets exactly
 *   that screen. A choice is used once.
 * - System picker (Linux Wayland): the desktop's own portal dialog picks the screen. Today
 *   Electron opens it from desktopCapturer.getSources() and returns just the picked source;
 *   `useSystemPicker` is passed too so Electron's native support takes over where it exists.
 */
export type ScreenSource = Pick<DesktopCapturerSource, 'id' | 'name'> & {
  thumbnail: Pick<NativeImage, 'isEmpty' | 'toDataURL'>;
};

/** The part of Electron's desktopCapturer used here. */
export interface ScreenSourceFinder {
  getSources(options: SourcesOptions): Promise<ScreenSource[]>;
}

export interface CaptureDeps {
  session: Pick<Session, 'setDisplayMediaRequestHandler'>;
  desktopCapturer: ScreenSourceFinder;
  /** True where the operating system's picker must be used (Wayland). */
  systemPicker: boolean;
  /** Only our own customer page may capture. */
  isOwnCapturingFrame(frame: WebFrameMain | null, securityOrigin: string): boolean;
  thumbnailSize?: { width: number; height: number };
  log: (message: string) => void;
}

export interface ScreenCapture {
  /** Every screen with a live thumbnail; empty when the system picker chooses instead. */
  listScreens(): Promise<ScreenInfo[]>;
  /** Remembers which screen the next getDisplayMedia() shares; only listed screens are accepted. */
  chooseScreen(id: string): Promise<void>;
}

const SCREEN_ONLY = ['screen'] as const;

export function installScreenCapture(deps: CaptureDeps): ScreenCapture {
  const thumbnailSize = deps.thumbnailSize ?? { width: 320, height: 180 };
  let chosenId: string | undefined;

  const screens = (withThumbnails: boolean): Promise<ScreenSource[]> =>
    deps.desktopCapturer.getSources({
      types: [...SCREEN_ONLY],
      thumbnailSize: withThumbnails ? thumbnailSize : { width: 0, height: 0 },
    });

  const pickForRequest = async (): Promise<ScreenSource | undefined> => {
    const sources = (await screens(false)).filter((source) => source.id.startsWith('screen:'));
    if (deps.systemPicker) return sources[0];
    const wanted = chosenId;
    chosenId = undefined;
    if (wanted !== undefined) return sources.find((source) => source.id === wanted);
    return sources.length === 1 ? sources[0] : undefined;
  };

  deps.session.setDisplayMediaRequestHandler(
    (request, callback) => {
      if (!deps.isOwnCapturingFrame(request.frame, request.securityOrigin)) {
        deps.log(`refused a screen capture request from ${request.securityOrigin}`);
        callback(null);
        return;
      }
      pickForRequest().then(
        (source) => {
          if (!source) {
            deps.log('refused a screen capture request: no screen was chosen');
            callback(null);
            return;
          }
          // Video only: the app never shares sound.
          callback({ video: { id: source.id, name: source.name } });
        },
        (error: unknown) => {
          deps.log(`screen capture failed: ${String(error)}`);
          callback(null);
        },
      );
    },
    { useSystemPicker: deps.systemPicker },
  );

  return {
    async listScreens() {
      // On Wayland getSources() would open the portal dialog: let getDisplayMedia() do that once.
      if (deps.systemPicker) return [];
      const sources = await screens(true);
      return sources
        .filter((source) => source.id.startsWith('screen:'))
        .map((source, index) => ({
          id: source.id,
          name: source.name || `Screen ${index + 1}`,
          thumbnailDataUrl: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
        }));
    },
    async chooseScreen(id) {
      const sources = await screens(false);
      if (!sources.some((source) => source.id === id && id.startsWith('screen:'))) {
        throw new Error('That screen is not available.');
      }
      chosenId = id;
    },
  };
}

/** XDG_SESSION_TYPE=wayland on Linux: screen capture must go through the desktop portal. */
export function usesSystemPicker(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return false;
  return env.XDG_SESSION_TYPE === 'wayland' || (Boolean(env.WAYLAND_DISPLAY) && !env.DISPLAY);
}
