import type { Shell, SystemPreferences } from 'electron';
import type { ScreenPermission } from '../preload/contract/desktopApi';

/**
 * macOS only lets an app record the screen after the customer allowed it in System Settings;
 * without that permission the capture is black. Other systems have no such switch (Wayland's
 * portal asks on every share), so they report 'granted'.
 */
const SCREEN_RECORDING_SETTINGS = 'x-apple.systempreferences:com.apple.preference.security?Privacy_ScreenCapture';

export interface MacPermissionDeps {
  platform: NodeJS.Platform;
  systemPreferences: Pick<SystemPreferences, 'getMediaAccessStatus'>;
  shell: Pick<Shell, 'openExternal'>;
}

export function screenPermission(deps: MacPermissionDeps): ScreenPermission {
  if (deps.platform !== 'darwin') return 'granted';
  const status = deps.systemPreferences.getMediaAccessStatus('screen');
  switch (status) {
    case 'granted':
    case 'denied':
    case 'restricted':
    case 'not-determined':
      return status;
    default:
      return 'unknown';
  }
}

export async function openScreenPermissionSettings(deps: MacPermissionDeps): Promise<void> {
  if (deps.platform !== 'darwin') return;
  await deps.shell.openExternal(SCREEN_RECORDING_SETTINGS); /* eng-disable OPEN_EXTERNAL_JS_CHECK: a fixed x-apple.systempreferences: URL, nothing from a page */
}
