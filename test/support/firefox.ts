import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';

/** Debian's Firefox ESR (apt-get install firefox-esr); never a browser downloaded by a tool. */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Why Firefox tests cannot run here, or undefined when they can. */
export function firefoxUnavailable(): string | undefined {
  return existsSync(FIREFOX) ? undefined : `${FIREFOX} is missing (apt-get install firefox-esr)`;
}

/**
 * Preferences that stand in for the person in front of the browser:
 * - media.navigator.permission.disabled: getDisplayMedia is granted without the sharing prompt
 *   and captures the primary monitor (the whole X display); this is REAL capture, not a fake
 *   stream (media.navigator.streams.fake stays off).
 * - media.peerconnection.ice.obfuscate_host_addresses: off, so Firefox offers its loopback host
 *   candidate instead of an mDNS name that nothing on a test machine resolves.
 * - intl.accept_languages: an English-speaking customer.
 */
export const CUSTOMER_PREFS: Record<string, unknown> = {
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'intl.accept_languages': 'en-US, en',
  'intl.locale.requested': 'en-US',
  'browser.shell.checkDefaultBrowser': false,
};

/** Where the Firefox window sits on the captured desktop; tests keep markers clear of it. */
export const FIREFOX_WINDOW = { width: 1000, height: 800 } as const;

/**
 * Firefox ESR, headed on a virtual X display, driven over WebDriver BiDi by puppeteer-core
 * (Playwright cannot drive a stock Firefox: it needs its own patched build).
 */
export function launchFirefoxCustomer(display: string): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: false,
    defaultViewport: null,
    env: { ...process.env, DISPLAY: display },
    args: [`--width=${FIREFOX_WINDOW.width}`, `--height=${FIREFOX_WINDOW.height}`],
    extraPrefsFirefox: CUSTOMER_PREFS,
    protocolTimeout: 30_000,
  });
}
