/**
 * Every IPC channel name, in one place. Main registers handlers for these and the preloads use
 * them; nothing else may name a channel.
 */
export const Invoke = {
  getConfig: 'desktop:get-config',
  listScreens: 'desktop:list-screens',
  chooseScreen: 'desktop:choose-screen',
  setSharingState: 'desktop:set-sharing-state',
  getScreenPermission: 'desktop:get-screen-permission',
  openScreenPermissionSettings: 'desktop:open-screen-permission-settings',
  /** The agent's marks visible now, for the pointer overlay over the shared screen. */
  showMarks: 'desktop:show-marks',
  /** The link that started the app, kept until the renderer subscribes to deep links. */
  takePendingDeepLink: 'desktop:take-pending-deep-link',
  /** Indicator window: what to show. */
  indicatorGetState: 'indicator:get-state',
  /** Indicator window: the Stop button. */
  indicatorStop: 'indicator:stop',
  /** Indicator window: the Pause (true) / Resume (false) button. */
  indicatorPause: 'indicator:pause',
} as const;
export type InvokeChannel = (typeof Invoke)[keyof typeof Invoke];

/** Main → renderer events. */
export const Push = {
  stopRequested: 'desktop:stop-requested',
  pauseRequested: 'desktop:pause-requested',
  /** Pointer overlay window: the agent's marks to draw now. */
  overlayMarks: 'overlay:marks',
  deepLink: 'desktop:deep-link',
  indicatorState: 'indicator:state',
} as const;
export type PushChannel = (typeof Push)[keyof typeof Push];
