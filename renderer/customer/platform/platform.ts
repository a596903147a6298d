import type { PublicBrand } from '../../../branding/publicBrand';
import type { ScreenInfo } from '../../../preload/contract/desktopApi';
import type { ShareSurface } from '../../../signaling/protocol';
import type { Locale } from '../i18n/locale';
import type { MarksView } from '../flow/agentMarks';

/** Draws the agent's marks over the customer's real screen (the app's overlay window). */
export interface ScreenOverlay {
  show(marks: MarksView): void;
}

/** What the page shows in its header; organisation may be unknown until a server answers. */
export interface Branding {
  productName: string | null;
  organisation: string | null;
  defaultLocale: Locale;
  /** Colours, logo and links; absent = the page's neutral look. */
  brand?: PublicBrand;
}

export interface DeliveredKey {
  key: string;
  /** Continue right away (deep link into the app) instead of only filling the field (web link). */
  submit: boolean;
}

/** Whether the operating system lets us capture the screen at all (macOS asks the user once). */
export type CapturePermission = 'granted' | 'needs-settings';

/**
 * Everything that differs between the plain web page and the Electron app. The flow talks only
 * to this, so the same renderer runs in both.
 */
export interface Platform {
  readonly client: 'web' | 'desktop';
  /** Languages to try, most preferred first. */
  readonly preferredLanguages: readonly string[];
  loadBranding(): Promise<Branding>;
  /** Origin (or base URL) of the signaling server, asked again before every connection. */
  serverOrigin(): string;
  /** False when this browser has no screen capture (old browser, phone, insecure page). */
  canCapture(): boolean;
  capturePermission(): Promise<CapturePermission>;
  openPermissionSettings(): Promise<void>;
  /** Screens (and with `withWindows` windows) to choose from in our own picker; empty when the browser or OS shows its own. */
  listScreens(withWindows: boolean): Promise<ScreenInfo[]>;
  chooseScreen(id: string): Promise<void>;
  captureScreen(): Promise<MediaStream>;
  /** Whether a captured stream shows a whole screen or one window. */
  sharedSurface(stream: MediaStream): ShareSurface;
  setSharingState(sharing: boolean, agentName?: string, paused?: boolean): void;
  /** Where the agent's marks can be drawn over a shared whole screen; null where nothing can draw over the desktop (the browser). */
  readonly screenOverlay: ScreenOverlay | null;
  /** Somebody outside the page (indicator window, tray) asked to stop. Returns an unsubscribe. */
  onStopRequested(listener: () => void): () => void;
  /** The indicator window or tray asked to pause (true) or resume (false). Returns an unsubscribe. */
  onPauseRequested(listener: (paused: boolean) => void): () => void;
  /** A key that arrived from outside (deep link, `?key=`). Returns an unsubscribe. */
  onKeyDelivered(listener: (key: string) => void): () => void;
  /** A key the page was opened with, if any; `submit` when it came from a trusted deep link. */
  initialKey(): DeliveredKey | null;
}
