import { z } from 'zod';
import { Invoke } from '../preload/contract/channels';
import { SharingState, type DesktopConfig, type ScreenPermission } from '../preload/contract/desktopApi';
import type { IndicatorView } from '../preload/contract/indicatorApi';
import { OverlayMarks } from '../preload/contract/overlayApi';
import type { ScreenCapture } from './capture';
import type { DeepLinkInbox } from './deepLinkInbox';
import { route, type IpcRoute } from './ipc';
import type { SharingStateStore } from './sharingState';

/** What the two pages may ask main to do, one route per DesktopApi / IndicatorApi method. */
export interface DesktopRouteDeps {
  config(): DesktopConfig;
  capture: ScreenCapture;
  sharing: SharingStateStore;
  screenPermission(): ScreenPermission;
  openScreenPermissionSettings(): Promise<void>;
  deepLinks: DeepLinkInbox;
  indicatorView(): IndicatorView;
  /** Ask the customer page to stop sharing (indicator's Stop button). */
  requestStop(): void;
  /** Ask the customer page to pause (true) or resume (false) the share (indicator's Pause/Resume button). */
  requestPause(paused: boolean): void;
  /** Draw the agent's marks over the shared screen (main/marksOnScreen.ts). */
  showMarks(marks: OverlayMarks): boolean;
}

const none = z.tuple([]);
const ScreenId = z.string().min(1).max(200);

export function desktopRoutes(deps: DesktopRouteDeps): IpcRoute[] {
  return [
    route(Invoke.getConfig, 'customer', none, () => deps.config()),
    route(Invoke.listScreens, 'customer', z.tuple([z.boolean()]), (withWindows) => deps.capture.listScreens(withWindows)),
    route(Invoke.chooseScreen, 'customer', z.tuple([ScreenId]), (id) => deps.capture.chooseScreen(id)),
    route(Invoke.setSharingState, 'customer', z.tuple([SharingState.strict()]), (state) => deps.sharing.set(state)),
    route(Invoke.getScreenPermission, 'customer', none, () => deps.screenPermission()),
    route(Invoke.openScreenPermissionSettings, 'customer', none, () => deps.openScreenPermissionSettings()),
    route(Invoke.showMarks, 'customer', z.tuple([OverlayMarks]), (marks) => deps.showMarks(marks)),
    route(Invoke.takePendingDeepLink, 'customer', none, () => deps.deepLinks.take()),
    route(Invoke.indicatorGetState, 'indicator', none, () => deps.indicatorView()),
    route(Invoke.indicatorStop, 'indicator', none, () => deps.requestStop()),
    route(Invoke.indicatorPause, 'indicator', z.tuple([z.boolean()]), (paused) => deps.requestPause(paused)),
  ];
}
