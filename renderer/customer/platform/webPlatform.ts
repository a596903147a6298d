import { fetchBranding } from './branding';
import { captureWholeScreen, hasDisplayMedia, surfaceOfStream } from './captureScreen';
import { keyFromSearch, withoutKey } from './keyFromUrl';
import type { Platform } from './platform';

/** The page served by the signaling server: the browser shows its own screen picker. */
export function createWebPlatform(): Platform {
  const startKey = keyFromSearch(location.search);
  if (startKey !== null) history.replaceState(history.state, '', withoutKey(location.href));
  return {
    client: 'web',
    preferredLanguages: navigator.languages?.length ? navigator.languages : [navigator.language],
    loadBranding: () => fetchBranding(new URL('/api/config', location.origin).toString(), 'en'),
    serverOrigin: () => location.origin,
    canCapture: hasDisplayMedia,
    capturePermission: async () => 'granted',
    openPermissionSettings: async () => undefined,
    listScreens: async () => [],
    chooseScreen: async () => undefined,
    captureScreen: captureWholeScreen,
    sharedSurface: surfaceOfStream,
    setSharingState: () => undefined,
    screenOverlay: null,
    onStopRequested: () => () => undefined,
    onPauseRequested: () => () => undefined,
    onKeyDelivered: () => () => undefined,
    initialKey: () => (startKey === null ? null : { key: startKey, submit: false }),
  };
}
