import type { DesktopApi, DesktopConfig } from '../../../preload/contract/desktopApi';
import { DEFAULT_PUBLIC_BRAND } from '../../../branding/publicBrand';
import { fetchBranding } from './branding';
import { captureWholeScreen, hasDisplayMedia, surfaceOfStream } from './captureScreen';
import type { Platform } from './platform';

/** The brand's logo inside the app bundle, beside index.html. */
const BUNDLED_LOGO = 'brand-logo.png';

/** Screen Recording permission only exists on macOS; elsewhere capture needs no OS consent. */
const NEEDS_SETTINGS = new Set(['denied', 'restricted', 'not-determined']);

/**
 * The Electron app: the preload's DesktopApi lists screens for our own picker, tells main which
 * one getDisplayMedia shares, and carries deep links and the indicator's "Stop".
 */
export async function createDesktopPlatform(api: DesktopApi): Promise<Platform> {
  const config: DesktopConfig = await api.getConfig();
  // The deep link's server was checked against the app's allowlist by main before it got here.
  let serverUrl = config.serverUrl;
  const keyListeners = new Set<(key: string) => void>();
  // The link that launched the app may arrive before the flow listens: keep it for initialKey().
  let launchKey: string | null = null;
  /** The source chosen in our picker for the next capture. */
  let chosenId: string | null = null;
  let lastCapturedId: string | null = null;
  api.onDeepLink((link) => {
    serverUrl = link.server;
    if (keyListeners.size === 0) launchKey = link.key;
    for (const listener of keyListeners) listener(link.key);
  });
  return {
    client: 'desktop',
    preferredLanguages: [...(config.locale ? [config.locale] : []), ...navigator.languages],
    async loadBranding() {
      const fromServer = await fetchBranding(new URL('/api/config', serverUrl).toString(), 'en');
      // The app's page may load images only from itself: its logo is bundled (build/app-bundle.ts).
      const brand = { ...(fromServer.brand ?? DEFAULT_PUBLIC_BRAND), logoUrl: BUNDLED_LOGO };
      return { ...fromServer, productName: config.productName, brand };
    },
    serverOrigin: () => serverUrl,
    canCapture: hasDisplayMedia,
    async capturePermission() {
      if (config.platform !== 'darwin') return 'granted';
      return NEEDS_SETTINGS.has(await api.getScreenPermission()) ? 'needs-settings' : 'granted';
    },
    openPermissionSettings: () => api.openScreenPermissionSettings(),
    listScreens: (withWindows) => api.listScreens(withWindows),
    async chooseScreen(id) {
      await api.chooseScreen(id);
      chosenId = id;
    },
    captureScreen() {
      // Main hands getDisplayMedia() the source chosen last (once): that is what this stream shows.
      lastCapturedId = chosenId;
      chosenId = null;
      return captureWholeScreen();
    },
    sharedSurface: (stream) => (lastCapturedId?.startsWith('window:') ? 'window' : surfaceOfStream(stream)),
    setSharingState(sharing, agentName, paused) {
      const state = { sharing, ...(agentName === undefined ? {} : { agentName }), ...(paused === undefined ? {} : { paused }) };
      api.setSharingState(state).catch((error: unknown) => {
        console.warn('could not tell the app about the sharing state', error);
      });
    },
    screenOverlay: {
      show(marks) {
        const copy = { point: marks.point, strokes: marks.strokes.map((line) => line.map(([x, y]): [number, number] => [x, y])) };
        api.showMarks(copy).catch((error: unknown) => console.warn('could not show the marks on the screen', error));
      },
    },
    onStopRequested: (listener) => api.onStopRequested(listener),
    onPauseRequested: (listener) => api.onPauseRequested(listener),
    onKeyDelivered(listener) {
      keyListeners.add(listener);
      return () => keyListeners.delete(listener);
    },
    initialKey() {
      const key = launchKey;
      launchKey = null;
      return key === null ? null : { key, submit: true };
    },
  };
}
