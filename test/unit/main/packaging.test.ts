import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { BrowserWindowConstructorOptions } from 'electron';
import builderConfig from '../../../build/electron-builder';
import { AppConfigFile } from '../../../main/config';
import { createSecureWindow } from '../../../main/secureWindow';

const appConfig = AppConfigFile.parse(JSON.parse(readFileSync(new URL('../../../main/app-config.json', import.meta.url), 'utf8')));

describe('packaging (electron-builder configuration)', () => {
  it('packages only the bundled app, inside an asar archive', () => {
    assert.equal(builderConfig.directories?.app, 'dist/app');
    assert.equal(builderConfig.asar, true);
    assert.deepEqual(builderConfig.files, ['**/*', '!**/*.map']);
    assert.equal(builderConfig.npmRebuild, false);
  });

  it('sets the security fuses', () => {
    assert.deepEqual(builderConfig.electronFuses, {
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('registers the same link scheme and name the app uses at runtime', () => {
    assert.deepEqual(builderConfig.protocols, [
      { name: `${appConfig.productName} link`, schemes: [appConfig.deepLinkScheme], role: 'Viewer' },
    ]);
    assert.equal(builderConfig.productName, appConfig.productName);
  });

  it('explains on macOS why the app records the screen, in English and German', () => {
    const reason: unknown = (builderConfig.mac?.extendInfo as Record<string, unknown> | undefined)?.NSScreenCaptureUsageDescription;
    assert.equal(typeof reason, 'string');
    assert.match(String(reason), /support agent/);
    assert.match(String(reason), /Bildschirm/);
  });

  it('builds for all three systems', () => {
    assert.ok(builderConfig.mac?.target);
    assert.ok(builderConfig.win?.target);
    assert.ok(builderConfig.linux?.target);
  });
});

describe('secure window factory', () => {
  class RecordingWindow {
    constructor(readonly options: BrowserWindowConstructorOptions) {}
  }

  it('forces the checklist settings whatever the caller passed', () => {
    const window = createSecureWindow(RecordingWindow, {
      width: 100,
      webPreferences: { preload: '/p.cjs', nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false, webviewTag: true },
    });
    assert.equal(window.options.width, 100);
    assert.deepEqual(window.options.webPreferences, {
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });
});
