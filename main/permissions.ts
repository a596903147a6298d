import type { Session, WebContents } from 'electron';

/**
 * Denies every permission a page can ask for, except screen capture for our own customer page.
 * (The screen itself is then chosen by capture.ts.) Before Electron 45, getDisplayMedia() arrives
 * here as `media` with no media types; from 45 on as `display-capture`. Camera and microphone
 * (`media` with `audio`/`video`) are always denied.
 */
export type PermissionSession = Pick<
  Session,
  'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
>;

export interface PermissionPolicyDeps {
  session: PermissionSession;
  /** True for the customer page's own top-level frame. */
  isOwnCustomerPage(webContents: WebContents | null, requestingUrl: string): boolean;
  log: (message: string) => void;
}

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type RequestDetails = Parameters<RequestHandler>[3];

function isScreenCaptureRequest(permission: string, details: RequestDetails): boolean {
  if (permission === 'display-capture') return true;
  if (permission !== 'media') return false;
  const types = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
  return types.length === 0;
}

export function installPermissionPolicy({ session, isOwnCustomerPage, log }: PermissionPolicyDeps): void {
  session.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const allowed =
      isScreenCaptureRequest(permission, details) &&
      details.isMainFrame &&
      isOwnCustomerPage(webContents, details.requestingUrl);
    if (!allowed) log(`denied permission "${permission}" for ${details.requestingUrl}`);
    callback(allowed);
  });
  // Checks only answer "is it already granted?": nothing is, so pages cannot probe for devices.
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
