import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one place the app creates windows. Whatever options a caller passes, the settings the
 * security checklist depends on are forced here, in the constructor call itself, where reviewers
 * and electronegativity see them.
 */
export function createSecureWindow<W>(
  Window: new (options: BrowserWindowConstructorOptions) => W,
  options: BrowserWindowConstructorOptions,
): W {
  return new Window({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // Middle-click would otherwise try to open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
