import type { MenuItemConstructorOptions, Tray } from 'electron';
import type { SharingState } from '../preload/contract/desktopApi';
import type { MainStrings } from './strings';

/** A tray icon that exists only while sharing, with "Pause sharing"/"Resume sharing" and "Stop sharing" in its menu. */
export type SharingTrayIcon<M> = Pick<Tray, 'setToolTip' | 'destroy' | 'isDestroyed'> & {
  setContextMenu(menu: M): void;
  on(event: 'click', listener: () => void): unknown;
};

/** M is Electron's Menu in the app (Menu.buildFromTemplate), anything in tests. */
export interface SharingTrayDeps<M> {
  createTray(): SharingTrayIcon<M>;
  buildMenu(template: MenuItemConstructorOptions[]): M;
  strings: MainStrings;
  productName: string;
  onStop(): void;
  /** true: pause the share; false: resume it. */
  onPause(paused: boolean): void;
  onShowWindow(): void;
}

export interface SharingTray {
  update(state: SharingState): void;
  destroy(): void;
}

export function sharingTrayMenu<M>(deps: SharingTrayDeps<M>, state: SharingState): MenuItemConstructorOptions[] {
  return [
    { label: deps.strings.sharingWith(state.agentName), enabled: false },
    { type: 'separator' },
    state.paused
      ? { label: deps.strings.trayResume, click: () => deps.onPause(false) }
      : { label: deps.strings.trayPause, click: () => deps.onPause(true) },
    { label: deps.strings.stopSharing, click: () => deps.onStop() },
    { label: deps.strings.showWindow(deps.productName), click: () => deps.onShowWindow() },
  ];
}

export function createSharingTray<M>(deps: SharingTrayDeps<M>): SharingTray {
  let tray: SharingTrayIcon<M> | undefined;
  const remove = () => {
    if (tray && !tray.isDestroyed()) tray.destroy();
    tray = undefined;
  };
  return {
    update(state) {
      if (!state.sharing) return remove();
      if (!tray || tray.isDestroyed()) {
        tray = deps.createTray();
        tray.on('click', () => deps.onShowWindow());
      }
      tray.setToolTip(deps.strings.trayTooltip(deps.productName));
      tray.setContextMenu(deps.buildMenu(sharingTrayMenu(deps, state)));
    },
    destroy: remove,
  };
}
