import * as z from 'zod';
import type { OverlayMarks } from './overlayApi';

/**
 * The contract between the Electron preload and the customer renderer: the one object the
 * preload puts on `window.screenShareDesktop`. Environment-neutral (types and schemas only), so
 * main, preload and renderer all import it. The web page has no such object.
 */
export const ScreenInfo = z.object({
  id: z.string().max(200),
  name: z.string().max(200),
  /** A whole screen, or one window (offered only where the operator allows window sharing). */
  kind: z.enum(['screen', 'window']),
  /** data:image/png;base64,… of a small live thumbnail */
  thumbnailDataUrl: z.string().max(2_000_000),
});
export type ScreenInfo = z.infer<typeof ScreenInfo>;

export const DesktopConfig = z.object({
  serverUrl: z.string().url(),
  productName: z.string(),
  locale: z.string().optional(),
  platform: z.enum(['darwin', 'win32', 'linux', 'other']),
});
export type DesktopConfig = z.infer<typeof DesktopConfig>;

export const SharingState = z.object({
  sharing: z.boolean(),
  agentName: z.string().max(200).optional(),
  /** The customer paused the share: the indicator and tray offer "Resume" instead of "Pause". */
  paused: z.boolean().optional(),
});
export type SharingState = z.infer<typeof SharingState>;

export const ScreenPermission = z.enum(['granted', 'denied', 'not-determined', 'restricted', 'unknown']);
export type ScreenPermission = z.infer<typeof ScreenPermission>;

export const DeepLink = z.object({ key: z.string().max(32), server: z.string().url() });
export type DeepLink = z.infer<typeof DeepLink>;

export interface DesktopApi {
  getConfig(): Promise<DesktopConfig>;
  /** Every screen, and with `withWindows` every window (but the app's own), each with a live thumbnail. */
  listScreens(withWindows: boolean): Promise<ScreenInfo[]>;
  /** Which screen (or window) the next getDisplayMedia() call shares. */
  chooseScreen(id: string): Promise<void>;
  setSharingState(state: SharingState): Promise<void>;
  getScreenPermission(): Promise<ScreenPermission>;
  openScreenPermissionSettings(): Promise<void>;
  /** The indicator window or tray asked to stop sharing. Returns an unsubscribe function. */
  onStopRequested(listener: () => void): () => void;
  /** The indicator window or tray asked to pause (true) or resume (false). Returns an unsubscribe function. */
  onPauseRequested(listener: (paused: boolean) => void): () => void;
  onDeepLink(listener: (link: DeepLink) => void): () => void;
  /** The agent's marks visible now: drawn over the shared screen (overlay window) while a whole screen is shared. */
  showMarks(marks: OverlayMarks): Promise<void>;
}

export const DESKTOP_API_GLOBAL = 'screenShareDesktop';

/** Every member of DesktopApi; the type makes the compiler reject a method left out here. */
const desktopApiMembers: Record<keyof DesktopApi, true> = {
  getConfig: true,
  listScreens: true,
  chooseScreen: true,
  setSharingState: true,
  getScreenPermission: true,
  openScreenPermissionSettings: true,
  onStopRequested: true,
  onPauseRequested: true,
  onDeepLink: true,
  showMarks: true,
};
export const DESKTOP_API_METHODS = Object.keys(desktopApiMembers) as readonly (keyof DesktopApi)[];
