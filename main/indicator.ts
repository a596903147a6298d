import type { BrowserWindow, BrowserWindowConstructorOptions, Rectangle, WebContents } from 'electron';
import type { SharingState } from '../preload/contract/desktopApi';
import type { IndicatorView } from '../preload/contract/indicatorApi';
import { Push } from '../preload/contract/channels';
import type { MainLanguage, MainStrings } from './strings';
import { secureWebPreferences } from './webPreferences';

/**
 * The small "Sharing your screen with <agent> — Pause — Stop" window. It stays on top of everything while
 * sharing, and is content-protected so it does not show up in the shared picture itself
 * (Windows and macOS; Linux has no such protection).
 */
export type IndicatorWindow = Pick<
  BrowserWindow,
  'id' | 'setContentProtection' | 'setAlwaysOnTop' | 'setVisibleOnAllWorkspaces' | 'showInactive' | 'hide' | 'isDestroyed' | 'loadURL' | 'destroy'
> & { webContents: Pick<WebContents, 'send'> };

export interface IndicatorDeps {
  createWindow(options: BrowserWindowConstructorOptions): IndicatorWindow;
  preloadPath: string;
  url: string;
  strings: MainStrings;
  language: MainLanguage;
  /** Where the indicator may go: the primary display's work area. */
  workArea(): Rectangle;
  log: (message: string) => void;
}

export interface Indicator {
  update(state: SharingState): void;
  view(): IndicatorView;
  /** The indicator's own window, so IPC can tell it from other windows. */
  window(): IndicatorWindow | undefined;
  destroy(): void;
}

const WIDTH = 620;
const HEIGHT = 56;

export function indicatorWindowOptions(deps: Pick<IndicatorDeps, 'preloadPath' | 'workArea'>, title: string): BrowserWindowConstructorOptions {
  const area = deps.workArea();
  return {
    width: WIDTH,
    height: HEIGHT,
    x: Math.round(area.x + (area.width - WIDTH) / 2),
    y: area.y + 12,
    title,
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    backgroundColor: '#1d3b2a',
    webPreferences: secureWebPreferences(deps.preloadPath),
  };
}

export function createIndicator(deps: IndicatorDeps): Indicator {
  let window: IndicatorWindow | undefined;
  let current: IndicatorView = {
    text: deps.strings.sharingWith(undefined),
    stopLabel: deps.strings.stop,
    pauseLabel: deps.strings.pause,
    paused: false,
    lang: deps.language,
  };

  const ensureWindow = (): IndicatorWindow => {
    if (window && !window.isDestroyed()) return window;
    const created = deps.createWindow(indicatorWindowOptions(deps, current.text));
    created.setContentProtection(true);
    created.setAlwaysOnTop(true, 'screen-saver');
    created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true, skipTransformProcessType: true });
    created.loadURL(deps.url).catch((error: unknown) => deps.log(`indicator page failed to load: ${String(error)}`));
    window = created;
    return created;
  };

  return {
    update(state) {
      const paused = state.paused === true;
      current = {
        ...current,
        text: paused ? deps.strings.pausedWith(state.agentName) : deps.strings.sharingWith(state.agentName),
        pauseLabel: paused ? deps.strings.resume : deps.strings.pause,
        paused,
      };
      if (state.sharing) {
        const shown = ensureWindow();
        shown.webContents.send(Push.indicatorState, current);
        shown.showInactive();
      } else if (window && !window.isDestroyed()) {
        window.hide();
      }
    },
    view: () => current,
    window: () => (window && !window.isDestroyed() ? window : undefined),
    destroy() {
      if (window && !window.isDestroyed()) window.destroy();
      window = undefined;
    },
  };
}
