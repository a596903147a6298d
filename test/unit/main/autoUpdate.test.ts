import { strict as assert } from 'node:assert';
import { EventEmitter } from 'node:events';
import type { AppUpdater } from 'electron-updater';
import { installAutoUpdate, type AutoUpdateDeps, type UpdaterLike } from '../../../main/autoUpdate';
import { createSharingState } from '../../../main/sharingState';
import { ManualTimers } from './fakes';

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  allowPrerelease = true;
  disableWebInstaller = false;
  checks = 0;
  nextCheck: () => Promise<unknown> = async () => null;
  async checkForUpdates(): Promise<unknown> {
    this.checks++;
    return this.nextCheck();
  }
}

// The fake stays honest about electron-updater's real surface.
const realUpdaterFits: (updater: AppUpdater) => UpdaterLike = (updater) => updater;
void realUpdaterFits;

const APP_UPDATE_YML = 'provider: generic\nurl: https://updates.acme.example/remote-help/\npublisherName:\n  - Acme Example GmbH\nupdaterCacheDirName: acme-remote-help-updater\n';

function setup(overrides: Partial<AutoUpdateDeps> = {}) {
  const updater = new FakeUpdater();
  const timers = new ManualTimers();
  const sharing = createSharingState();
  const logs: string[] = [];
  let loaded = 0;
  const status = installAutoUpdate({
    feedUrl: 'https://updates.acme.example/remote-help/',
    isPackaged: true,
    platform: 'win32',
    updateConfigText: () => APP_UPDATE_YML,
    loadUpdater: () => {
      loaded++;
      return updater;
    },
    sharing,
    timers,
    log: (line) => logs.push(line),
    firstCheckDelayMs: 1_000,
    intervalMs: 60_000,
    ...overrides,
  });
  return { updater, timers, sharing, logs, status, loaded: () => loaded };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('auto-update', () => {
  it('is off without a feed and never loads electron-updater then', () => {
    const { status, loaded, logs } = setup({ feedUrl: undefined });
    assert.equal(status.on, false);
    assert.equal(loaded(), 0);
    assert.deepEqual(logs, ['auto-update off: no update feed configured']);
  });

  it('is off in a development run and when the package has no app-update.yml', () => {
    assert.equal(setup({ isPackaged: false }).status.on, false);
    const missing = setup({ updateConfigText: () => undefined });
    assert.equal(missing.status.on, false);
    assert.equal(missing.loaded(), 0);
  });

  it('stays off on Windows when the package names no publisher to verify updates against', () => {
    const { status, loaded } = setup({ updateConfigText: () => 'provider: generic\nurl: https://updates.acme.example/\n' });
    assert.deepEqual(status.on ? 'on' : status.reason, 'app-update.yml names no publisherName, so updates could not be verified');
    assert.equal(loaded(), 0);
    // macOS verifies the code signature itself; Linux packages have no publisher.
    assert.equal(setup({ platform: 'darwin', updateConfigText: () => 'provider: generic\nurl: https://u.example/\n' }).status.on, true);
  });

  it('downloads in the background and installs on quit, never downgrading', () => {
    const { updater, status } = setup();
    assert.equal(status.on, true);
    assert.deepEqual(
      [updater.autoDownload, updater.autoInstallOnAppQuit, updater.allowDowngrade, updater.allowPrerelease, updater.disableWebInstaller],
      [true, true, false, false, true],
    );
  });

  it('checks after start-up, then on an interval', () => {
    const { updater, timers } = setup();
    assert.equal(updater.checks, 0);
    timers.advance(1_000);
    assert.equal(updater.checks, 1);
    timers.advance(60_000);
    assert.equal(updater.checks, 2);
  });

  it('only logs a failed check: no dialog, no exception, and it tries again later', async () => {
    const { updater, timers, logs } = setup();
    updater.nextCheck = async () => {
      throw new Error('getaddrinfo ENOTFOUND updates.acme.example');
    };
    timers.advance(1_000);
    await flush();
    updater.emit('error', new Error('sha512 checksum mismatch'));
    assert.ok(logs.includes('update check failed: getaddrinfo ENOTFOUND updates.acme.example'), logs.join('\n'));
    assert.ok(logs.includes('update check failed: sha512 checksum mismatch'), logs.join('\n'));
    timers.advance(60_000);
    assert.equal(updater.checks, 2);
  });

  it('does not check while the screen is shared; checks once the share ends', () => {
    const { updater, timers, sharing } = setup();
    sharing.set({ sharing: true, agentName: 'Alice' });
    timers.advance(1_000);
    assert.equal(updater.checks, 0);
    timers.advance(10 * 60_000);
    assert.equal(updater.checks, 0);
    sharing.set({ sharing: false });
    timers.advance(1_000);
    assert.equal(updater.checks, 1);
  });

  it('says a downloaded update waits for the app to quit', () => {
    const { updater, logs } = setup();
    updater.emit('update-downloaded', { version: '0.2.0' });
    assert.ok(logs.includes('update 0.2.0 downloaded; it is installed when the app quits'));
  });

  it('stops checking when stopped', () => {
    const { updater, timers, status } = setup();
    if (status.on) status.stop();
    timers.advance(120_000);
    assert.equal(updater.checks, 0);
  });
});
