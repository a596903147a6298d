/** The desktop app's link (main/deepLink.ts): `<scheme>://join?key=…&server=<origin>`. */
export function appLink(scheme: string, key: string, serverOrigin: string): string {
  const params = new URLSearchParams({ key, server: serverOrigin });
  return `${scheme}://join?${params.toString()}`;
}

/** How long we wait for the app to take over before offering the download. */
export const APP_OPEN_WAIT_MS = 2_000;

/**
 * Called as the "Open in app" link is followed. When the app takes over, the page loses focus or
 * is hidden within a moment; when nothing happens, the page stays as it was and we say so.
 */
export function watchAppOpen(onNoApp: () => void, win: Window = window): void {
  let left = false;
  const mark = () => {
    left = true;
  };
  win.addEventListener('blur', mark, { once: true });
  win.document.addEventListener('visibilitychange', mark, { once: true });
  win.setTimeout(() => {
    win.removeEventListener('blur', mark);
    win.document.removeEventListener('visibilitychange', mark);
    if (!left && win.document.visibilityState === 'visible') onNoApp();
  }, APP_OPEN_WAIT_MS);
}
