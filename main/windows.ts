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

export type GuardedWebContents = Pick<WebContents, 'setWindowOpenHandler'> & {
  on(event: 'will-navigate', listener: (event: Event, url: string) => void): unknown;
  on(event: 'will-redirect' | 'will-attach-webview', listener: (event: Event) => void): unknown;
};

/**
 * No page of the app may navigate away, open windows or embed <webview>s. Links to allowlisted
 * https pages open in the customer's browser instead; everything else is dropped.
 */
export function blockNavigation(contents: GuardedWebContents, openExternal: (url: string) => boolean): void {
  const refuse = (event: Event, url: string) => {
    event.preventDefault();
    openExternal(url);
  };
  contents.on('will-navigate', (event: Event, url: string) => refuse(event, url));
  contents.on('will-redirect', (event: Event) => event.preventDefault());
  contents.on('will-attach-webview', (event: Event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}
