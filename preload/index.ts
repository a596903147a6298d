import './zodWithoutEval';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { Invoke, Push } from './contract/channels';
import {
  DESKTOP_API_GLOBAL,
  DeepLink,
  DesktopConfig,
  ScreenInfo,
  ScreenPermission,
  SharingState,
  type DesktopApi,
} from './contract/desktopApi';
import { OverlayMarks } from './contract/overlayApi';

/**
 * The customer window's preload: puts exactly the DesktopApi on window.screenShareDesktop.
 * ipcRenderer itself never reaches the page, and what main answers is validated before the page
 * sees it. Bundled as one CommonJS file: sandboxed preloads cannot require our modules or zod.
 */
function listen(channel: string, onMessage: (payload: unknown) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => onMessage(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
}

const deepLinkListeners = new Set<(link: DeepLink) => void>();
let deepLinksRequested = false;

function emitDeepLink(payload: unknown): void {
  const link = DeepLink.safeParse(payload);
  if (!link.success) return;
  for (const listener of deepLinkListeners) listener(link.data);
}

const api: DesktopApi = {
  getConfig: async () => DesktopConfig.parse(await ipcRenderer.invoke(Invoke.getConfig)),
  listScreens: async (withWindows) => ScreenInfo.array().parse(await ipcRenderer.invoke(Invoke.listScreens, withWindows === true)),
  chooseScreen: async (id) => {
    await ipcRenderer.invoke(Invoke.chooseScreen, String(id));
  },
  setSharingState: async (state) => {
    await ipcRenderer.invoke(Invoke.setSharingState, SharingState.parse(state));
  },
  getScreenPermission: async () => ScreenPermission.parse(await ipcRenderer.invoke(Invoke.getScreenPermission)),
  openScreenPermissionSettings: async () => {
    await ipcRenderer.invoke(Invoke.openScreenPermissionSettings);
  },
  showMarks: async (marks) => {
    await ipcRenderer.invoke(Invoke.showMarks, OverlayMarks.parse(marks));
  },
  onStopRequested: (listener) => listen(Push.stopRequested, () => listener()),
  onPauseRequested: (listener) =>
    listen(Push.pauseRequested, (payload) => {
      if (typeof payload === 'boolean') listener(payload);
    }),
  onDeepLink: (listener) => {
    deepLinkListeners.add(listener);
    if (!deepLinksRequested) {
      deepLinksRequested = true;
      listen(Push.deepLink, emitDeepLink);
      // The link that launched the app waits in main until the page first listens.
      ipcRenderer.invoke(Invoke.takePendingDeepLink).then(
        (pending: unknown) => {
          if (pending !== null) emitDeepLink(pending);
        },
        () => {},
      );
    }
    return () => {
      deepLinkListeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(DESKTOP_API_GLOBAL, api);
