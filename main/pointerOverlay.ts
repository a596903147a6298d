import type { BrowserWindow, BrowserWindowConstructorOptions, Display, WebContents } from 'electron';
import { Push } from '../preload/contract/channels';
import type { OverlayMarks } from '../preload/contract/overlayApi';
import { secureWebPreferences } from './webPreferences';

/**
 * The agent's marks on the customer's real screen: a transparent, click-through, always-on-top
 * window exactly over the shared display, content-protected so it does not feed back into the
 * picture (Windows and macOS; Linux has no such protection). Marks arrive as 0..1 coordinates of
 * the shared display; the window covers that display's bounds (DIP), so the page places them by
 * percentage, and markOnDisplay() says where that is in global DIP and in the display's own pixels.
 */
export type OverlayWindow = Pick<
  BrowserWindow,
  | 'id'
  | 'setIgnoreMouseEvents'
  | 'setContentProtection'
  | 'setAlwaysOnTop'
  | 'setVisibleOnAllWorkspaces'
  | 'setBounds'
  | 'showInactive'
  | 'hide'
  | 'isDestroyed'
  | 'loadURL'
  | 'destroy'
> & { webContents: Pick<WebContents, 'send'> };

export type OverlayDisplay = Pick<Display, 'id' | 'bounds' | 'scaleFactor'>;

export interface PointerOverlayDeps {
  createWindow(options: BrowserWindowConstructorOptions): OverlayWindow;
  preloadPath: string;
  url: string;
  /** screen.getAllDisplays() */
  displays(): OverlayDisplay[];
  /** screen.getPrimaryDisplay() */
  primaryDisplay(): OverlayDisplay;
  log: (message: string) => void;
}

export interface PointerOverlay {
  /** Covers the display being shared (desktopCapturer's display_id; the primary one when unknown). */
  showOver(displayId: string | undefined): void;
  /** The marks to show now (the customer page keeps them: rate limit, fading, the customer's switch). */
  draw(marks: OverlayMarks): void;
  /** The overlay window, so IPC can tell it from other windows (it sends nothing). */
  window(): OverlayWindow | undefined;
  hide(): void;
  destroy(): void;
}

/** The display a desktopCapturer source shows, by its display_id. */
export function displayForSource(deps: Pick<PointerOverlayDeps, 'displays' | 'primaryDisplay'>, displayId: string | undefined): OverlayDisplay {
  return deps.displays().find((display) => String(display.id) === displayId) ?? deps.primaryDisplay();
}

/** Where a 0..1 mark lands: in global DIP (window coordinates) and in the display's physical pixels (the captured frame's). */
export function markOnDisplay(display: OverlayDisplay, x: number, y: number) {
  const { bounds, scaleFactor } = display;
  return {
    dip: { x: bounds.x + x * bounds.width, y: bounds.y + y * bounds.height },
    framePixel: { x: Math.round(x * bounds.width * scaleFactor), y: Math.round(y * bounds.height * scaleFactor) },
  };
}

export function overlayWindowOptions(preloadPath: string, display: OverlayDisplay): BrowserWindowConstructorOptions {
  return {
    ...display.bounds,
    show: false,
    frame: false,
    transparent: true,
    backgroundColor: '#00000000',
    hasShadow: false,
    focusable: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function createPointerOverlay(deps: PointerOverlayDeps): PointerOverlay {
  let window: OverlayWindow | undefined;
  const live = () => (window && !window.isDestroyed() ? window : undefined);
  return {
    showOver(displayId) {
      const display = displayForSource(deps, displayId);
      let shown = live();
      if (!shown) {
        shown = deps.createWindow(overlayWindowOptions(deps.preloadPath, display));
        // Clicks go through to whatever is below: the customer keeps full control.
        shown.setIgnoreMouseEvents(true);
        shown.setContentProtection(true);
        shown.setAlwaysOnTop(true, 'screen-saver');
        shown.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
        shown.loadURL(deps.url).catch((error: unknown) => deps.log(`pointer overlay failed to load: ${String(error)}`));
        window = shown;
      }
      shown.setBounds(display.bounds);
      shown.showInactive();
    },
    draw(marks) {
      live()?.webContents.send(Push.overlayMarks, marks);
    },
    window: live,
    hide() {
      live()?.hide();
    },
    destroy() {
      live()?.destroy();
      window = undefined;
    },
  };
}
