import type { DesktopCapturerSource, NativeImage, Session, SourcesOptions, WebFrameMain } from 'electron';
import type { ScreenInfo } from '../preload/contract/desktopApi';

/**
 * Answers the renderer's getDisplayMedia() with a whole screen, or one window where the operator
 * allows it (the page asks for windows only then; ALLOW_WINDOW_SHARE on the server).
 *
 * - App picker (Windows, macOS, Linux X11): the renderer lists the screens (and windows), the
 *   customer picks one (no choice needed with a single display and no windows offered), and the
 *   next getDisplayMedia() gets exactly that source. A choice is used once. Our own windows (the
 *   app, its indicator and overlay) are never offered.
 * - System picker (Linux Wayland): the desktop's own portal dialog picks the screen. Today
 *   Electron opens it from desktopCapturer.getSources() and returns just the picked source;
 *   `useSystemPicker` is passed too so Electron's native support takes over where it exists.
 */
export type ScreenSource = Pick<DesktopCapturerSource, 'id' | 'name'> & Partial<Pick<DesktopCapturerSource, 'display_id'>> & {
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
  /** Media source ids of the app's own windows (BrowserWindow.getMediaSourceId), never offered. */
  ownWindowIds?(): string[];
  thumbnailSize?: { width: number; height: number };
  log: (message: string) => void;
}

/** What getDisplayMedia() was last given: the overlay covers that display (a window has none we could cover). */
export interface SharedSource {
  id: string;
  kind: ScreenInfo['kind'];
  /** desktopCapturer's display_id of a screen ('' or absent when unknown). */
  displayId: string | undefined;
}

export interface ScreenCapture {
  /** Every screen (and, with `withWindows`, every window but ours) with a live thumbnail; empty when the system picker chooses instead. */
  listScreens(withWindows: boolean): Promise<ScreenInfo[]>;
  /** Remembers which screen (or offered window) the next getDisplayMedia() shares; only listed sources are accepted. */
  chooseScreen(id: string): Promise<void>;
  /** The source getDisplayMedia() was last given, if any. */
  shared(): SharedSource | undefined;
}

export const kindOf = (id: string): ScreenInfo['kind'] => (id.startsWith('window:') ? 'window' : 'screen');

export function installScreenCapture(deps: CaptureDeps): ScreenCapture {
  const thumbnailSize = deps.thumbnailSize ?? { width: 320, height: 180 };
  let chosenId: string | undefined;
  let windowsOffered = false;
  let shared: SharedSource | undefined;

  const sources = async (withWindows: boolean, withThumbnails: boolean): Promise<ScreenSource[]> => {
    const found = await deps.desktopCapturer.getSources({
      types: withWindows ? ['screen', 'window'] : ['screen'],
      thumbnailSize: withThumbnails ? thumbnailSize : { width: 0, height: 0 },
    });
    const ours = new Set(deps.ownWindowIds?.() ?? []);
    return found.filter((source) => source.id.startsWith('screen:') || (withWindows && source.id.startsWith('window:') && !ours.has(source.id)));
  };

  const pickForRequest = async (): Promise<ScreenSource | undefined> => {
    const wanted = chosenId;
    chosenId = undefined;
    const available = await sources(wanted !== undefined && kindOf(wanted) === 'window', false);
    if (deps.systemPicker) return available[0];
    if (wanted !== undefined) return available.find((source) => source.id === wanted);
    return available.length === 1 ? available[0] : undefined;
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
          shared = { id: source.id, kind: kindOf(source.id), displayId: source.display_id || undefined };
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
    async listScreens(withWindows) {
      // On Wayland getSources() would open the portal dialog: let getDisplayMedia() do that once.
      if (deps.systemPicker) return [];
      windowsOffered = withWindows;
      const listed = await sources(withWindows, true);
      return listed.map((source, index) => ({
        id: source.id,
        name: source.name || `Screen ${index + 1}`,
        kind: kindOf(source.id),
        thumbnailDataUrl: source.thumbnail.isEmpty() ? '' : source.thumbnail.toDataURL(),
      }));
    },
    async chooseScreen(id) {
      const available = await sources(windowsOffered, false);
      if (!available.some((source) => source.id === id)) {
        throw new Error('That screen is not available.');
      }
      chosenId = id;
    },
    shared: () => shared,
  };
}

/** XDG_SESSION_TYPE=wayland on Linux: screen capture must go through the desktop portal. */
export function usesSystemPicker(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform !== 'linux') return false;
  return env.XDG_SESSION_TYPE === 'wayland' || (Boolean(env.WAYLAND_DISPLAY) && !env.DISPLAY);
}
