import type { SharingState } from '../preload/contract/desktopApi';

/**
 * Background updates through electron-updater from the brand's generic feed (written into the
 * packaged app's app-update.yml by electron-builder, with the Windows publisherName).
 *
 * - Off when no feed is configured, in development runs, and on Windows when app-update.yml names
 *   no publisher (electron-updater would then install an update without checking its signature).
 *   macOS checks the code signature of every update itself (Squirrel.Mac).
 * - Never in the customer's way: no dialogs, failures are only logged, no check starts while the
 *   screen is shared, and a downloaded update is installed when the app quits, never during a share.
 */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  allowPrerelease: boolean;
  disableWebInstaller: boolean;
  checkForUpdates(): Promise<unknown>;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'update-available' | 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface AutoUpdateDeps {
  feedUrl: string | undefined;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Content of resources/app-update.yml, or undefined when it is missing. */
  updateConfigText(): string | undefined;
  /** Loaded only when updates are on (electron-updater touches the app on first use). */
  loadUpdater(): UpdaterLike;
  sharing: { get(): SharingState; onChange(listener: (state: SharingState) => void): unknown };
  timers: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
  log(message: string): void;
  /** First check after start-up has settled. */
  firstCheckDelayMs?: number;
  intervalMs?: number;
}

export type AutoUpdateStatus =
  | { readonly on: false; readonly reason: string }
  | { readonly on: true; stop(): void };

export const FIRST_CHECK_DELAY_MS = 30_000;
export const CHECK_INTERVAL_MS = 4 * 3_600_000;

function offReason(deps: AutoUpdateDeps): string | undefined {
  if (!deps.feedUrl) return 'no update feed configured';
  if (!deps.isPackaged) return 'not a packaged app (development run)';
  const updateConfig = deps.updateConfigText();
  if (updateConfig === undefined) return 'app-update.yml is missing from the package';
  if (deps.platform === 'win32' && !/^publisherName:/m.test(updateConfig)) {
    return 'app-update.yml names no publisherName, so updates could not be verified';
  }
  return undefined;
}

export function installAutoUpdate(deps: AutoUpdateDeps): AutoUpdateStatus {
  const reason = offReason(deps);
  if (reason) {
    deps.log(`auto-update off: ${reason}`);
    return { on: false, reason };
  }
  const updater = deps.loadUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.allowDowngrade = false;
  updater.allowPrerelease = false;
  updater.disableWebInstaller = true;
  updater.on('error', (error) => deps.log(`update check failed: ${error.message}`));
  updater.on('update-available', (info) => deps.log(`update ${info.version} available, downloading`));
  updater.on('update-downloaded', (info) => deps.log(`update ${info.version} downloaded; it is installed when the app quits`));

  let timer: unknown;
  let stopped = false;
  let checkWhenShareEnds = false;
  const schedule = (ms: number) => {
    if (!stopped) timer = deps.timers.setTimeout(check, ms);
  };
  function check(): void {
    if (deps.sharing.get().sharing) {
      // The share has the bandwidth; look again once it ends.
      checkWhenShareEnds = true;
      return;
    }
    updater.checkForUpdates().catch((error: unknown) => deps.log(`update check failed: ${error instanceof Error ? error.message : String(error)}`));
    schedule(deps.intervalMs ?? CHECK_INTERVAL_MS);
  }
  deps.sharing.onChange((state) => {
    if (!state.sharing && checkWhenShareEnds && !stopped) {
      checkWhenShareEnds = false;
      schedule(deps.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
    }
  });
  deps.log(`auto-update on: ${deps.feedUrl}`);
  schedule(deps.firstCheckDelayMs ?? FIRST_CHECK_DELAY_MS);
  return {
    on: true,
    stop() {
      stopped = true;
      deps.timers.clearTimeout(timer);
    },
  };
}
