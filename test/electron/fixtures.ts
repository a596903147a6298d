import { _electron, type BrowserContext, type ElectronApplication, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from '../../build/app-bundle';
import { test as e2e } from '../e2e/fixtures';
import type { RunningServer } from '../support/server';

/**
 * Playwright's _electron against the real app (dist/app/main.cjs) on the virtual X display of the
 * e2e fixtures, talking to a real signaling server. Where the Electron binary is not installed
 * (ELECTRON_SKIP_BINARY_DOWNLOAD), every spec is skipped with the reason printed.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const APP_MAIN = path.join(root, 'dist/app/main.cjs');
export const ELECTRON = electronBinary();
export const NO_ELECTRON_REASON =
  'Electron binary not installed (node_modules/electron has no dist/: installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1). ' +
  'Run `npm ci` with internet access to run the desktop app specs.';

if (!ELECTRON) console.log(`test/electron: skipped: ${NO_ELECTRON_REASON}`);

export interface RunningApp {
  app: ElectronApplication;
  /** The customer window (app://customer/index.html). */
  window: Page;
  userDataDir: string;
}

interface ElectronFixtures {
  /** Starts the app against this test's server; `extraArgs` e.g. a deep link. Closed after the test. */
  launchApp(extraArgs?: string[]): Promise<RunningApp>;
  /** Runs a second instance with these arguments (it hands them over and quits). */
  secondInstance(running: RunningApp, args: string[]): Promise<number | null>;
}

/** The fixtures a spec hands to a helper that signs the agent in and starts the app. */
export interface ElectronTestArgs {
  launchApp: ElectronFixtures['launchApp'];
  server: RunningServer;
  agentContext: () => Promise<BrowserContext>;
}

export const test = e2e.extend<ElectronFixtures>({
  launchApp: async ({ server, desktop }, use, testInfo) => {
    const started: RunningApp[] = [];
    try {
      await use(async (extraArgs = []) => {
        const binary = ELECTRON;
        if (!binary) throw new Error(NO_ELECTRON_REASON);
        const userDataDir = await mkdtemp(path.join(tmpdir(), 'screenshare-app-'));
        const app = await _electron.launch({
          executablePath: binary,
          args: [APP_MAIN, `--user-data-dir=${userDataDir}`, '--server', server.url, ...extraArgs],
          env: { ...process.env, DISPLAY: desktop.screen.display, XDG_SESSION_TYPE: 'x11', LANG: 'en_US.UTF-8' },
          locale: 'en-US',
        });
        const window = await app.firstWindow();
        started.push({ app, window, userDataDir });
        return { app, window, userDataDir };
      });
    } finally {
      for (const { app, window, userDataDir } of started) {
        if (testInfo.status !== testInfo.expectedStatus) {
          const shot = await window.screenshot().catch(() => undefined);
          if (shot) await testInfo.attach('app-window.png', { body: shot, contentType: 'image/png' });
        }
        await app.close().catch(() => undefined);
        await rm(userDataDir, { recursive: true, force: true });
      }
    }
  },

  secondInstance: async ({ server, desktop }, use) => {
    await use(async (running, args) => {
      const binary = ELECTRON;
      if (!binary) throw new Error(NO_ELECTRON_REASON);
      const child = spawn(binary, [APP_MAIN, `--user-data-dir=${running.userDataDir}`, '--server', server.url, ...args], {
        env: { ...process.env, DISPLAY: desktop.screen.display },
        stdio: 'ignore',
      });
      return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    });
  },
});

export { expect } from '@playwright/test';
