import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium; never a browser downloaded by Playwright. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

/** Where the customer's headed window sits on the captured screen; tests keep markers clear of it. */
export const CUSTOMER_WINDOW = { x: 0, y: 0, width: 1000, height: 800 } as const;

/** The agent console: headless, it only receives. */
export function agentLaunchOptions(): LaunchOptions {
  return { executablePath: CHROMIUM, headless: true, args: [...BASE_FLAGS] };
}

/**
 * The customer's browser, headed on a virtual X display, sharing the real "Entire screen" without
 * the picker. Deliberately NOT --use-fake-ui-for-media-stream: with auto-select it makes
 * getDisplayMedia fail with NotReadableError. (Headless capture of the display is black.)
 */
export function realCaptureLaunchOptions(display: string): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    headless: false,
    env: { ...process.env, DISPLAY: display },
    args: [
      ...BASE_FLAGS,
      '--auto-select-desktop-capture-source=Entire screen',
      `--window-position=${CUSTOMER_WINDOW.x},${CUSTOMER_WINDOW.y}`,
      `--window-size=${CUSTOMER_WINDOW.width},${CUSTOMER_WINDOW.height}`,
    ],
  };
}

/** The customer's browser with Chromium's synthetic screen (a moving 1280x720 test picture). Fast. */
export function fakeCaptureLaunchOptions(): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [...BASE_FLAGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  };
}

/** A plain headed window at a given place on the virtual desktop (e.g. something that moves). */
export function desktopWindowLaunchOptions(display: string, rect: { x: number; y: number; width: number; height: number }): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    headless: false,
    env: { ...process.env, DISPLAY: display },
    args: [...BASE_FLAGS, `--window-position=${rect.x},${rect.y}`, `--window-size=${rect.width},${rect.height}`],
  };
}

/**
 * A headless customer browser whose screen dialog picks the tab titled `title` (Chromium's own
 * switch, real tab capture): what a customer who picks one window or tab instead of the entire
 * screen hands over (displaySurface "browser").
 */
export function tabCaptureLaunchOptions(title: string): LaunchOptions {
  return {
    executablePath: CHROMIUM,
    headless: true,
    args: [...BASE_FLAGS, `--auto-select-tab-capture-source-by-title=${title}`],
  };
}
