import type { BrowserWindowConstructorOptions, Event, WebContents } from 'electron';
import { secureWebPreferences } from './webPreferences';

/** The customer window: the bundled renderer, nothing else. */
export function mainWindowOptions(preloadPath: string, productName: string): BrowserWindowConstructorOptions {
  return {
    width: 560,
    height: 720,
    minWidth: 400,
    minHeight: 520,
    title: productName,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export type GuardedWebContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * No page of the app may navigate away, open windows or embed <webview>s. Links to allowlisted
 * https pages open in the customer's browser instead; everything else is dropped.
 */
export function blockNavigation(contents: GuardedWebContents, openExternal: (url: string) => boolean): void {
  const refuse = (event: Event, url: string) => {
    event.preventDefault();
    openExternal(url);
  };
  contents.on('will-navigate', (event, url) => refuse(event, url));
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
