import { strict as assert } from 'node:assert';
import type { Event, HandlerDetails, Shell, WindowOpenHandlerResponse } from 'electron';
import { createExternalOpener, isAllowedExternalUrl } from '../../../main/externalLinks';
import { blockNavigation, mainWindowOptions, type GuardedWebContents } from '../../../main/windows';
import { recordingLog, stub } from './fakes';

type GuardEvent = 'will-navigate' | 'will-redirect' | 'will-attach-webview';

class FakeContents implements GuardedWebContents {
  readonly listeners = new Map<GuardEvent, (event: Event, url?: string) => void>();
  openHandler?: (details: HandlerDetails) => WindowOpenHandlerResponse;
  on(name: GuardEvent, listener: (event: Event, url: string) => void): this {
    this.listeners.set(name, (event, url) => listener(event, url ?? ''));
    return this;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.openHandler = handler;
  }
  /** Emits an event the way Electron does and reports whether the page was stopped. */
  emit(name: GuardEvent, url?: string): boolean {
    let prevented = false;
    this.listeners.get(name)?.(stub<Event>({ preventDefault: () => void (prevented = true) }), url);
    return prevented;
  }
}

describe('customer window', () => {
  it('meets the Electron security checklist', () => {
    const options = mainWindowOptions('/app/preload.cjs', 'Acme Help');
    const prefs = options.webPreferences;
    assert.ok(prefs);
    assert.equal(prefs.contextIsolation, true);
    assert.equal(prefs.sandbox, true);
    assert.equal(prefs.nodeIntegration, false);
    assert.equal(prefs.nodeIntegrationInWorker, false);
    assert.equal(prefs.nodeIntegrationInSubFrames, false);
    assert.equal(prefs.webSecurity, true);
    assert.equal(prefs.allowRunningInsecureContent, false);
    assert.equal(prefs.experimentalFeatures, false);
    assert.equal(prefs.webviewTag, false);
    assert.equal(prefs.navigateOnDragDrop, false);
    assert.equal(prefs.preload, '/app/preload.cjs');
    assert.equal(options.title, 'Acme Help');
  });
});

describe('navigation and new windows', () => {
  function setup() {
    const contents = new FakeContents();
    const opened: string[] = [];
    blockNavigation(contents, (url) => {
      opened.push(url);
      return url.startsWith('https://acme.example/');
    });
    return { contents, opened };
  }

  it('stops every navigation away from the bundled page', () => {
    const { contents, opened } = setup();
    assert.equal(contents.emit('will-navigate', 'https://evil.example/'), true);
    assert.equal(contents.emit('will-navigate', 'file:///etc/passwd'), true);
    assert.equal(contents.emit('will-redirect', 'https://evil.example/'), true);
    assert.deepEqual(opened, ['https://evil.example/', 'file:///etc/passwd'], 'offered to the browser, which may refuse');
  });

  it('denies window.open and opens allowed links in the browser instead', () => {
    const { contents, opened } = setup();
    const details = (url: string) => stub<HandlerDetails>({ url, frameName: '', features: '', disposition: 'new-window' });
    assert.deepEqual(contents.openHandler?.(details('https://acme.example/help')), { action: 'deny' });
    assert.deepEqual(contents.openHandler?.(details('https://evil.example/')), { action: 'deny' });
    assert.deepEqual(opened, ['https://acme.example/help', 'https://evil.example/']);
  });

  it('refuses <webview>', () => {
    const { contents } = setup();
    assert.equal(contents.emit('will-attach-webview'), true);
  });
});

describe('opening links in the browser', () => {
  const allowed = ['https://acme.example'];

  it('allows only https pages of the configured origins', () => {
    assert.equal(isAllowedExternalUrl('https://acme.example/privacy', allowed), true);
    assert.equal(isAllowedExternalUrl('http://acme.example/privacy', allowed), false);
    assert.equal(isAllowedExternalUrl('https://acme.example.evil.example/', allowed), false);
    assert.equal(isAllowedExternalUrl('https://acme.example@evil.example/', allowed), false);
    assert.equal(isAllowedExternalUrl('https://user:pw@acme.example/', allowed), false);
    assert.equal(isAllowedExternalUrl('file:///C:/Windows/system32/calc.exe', allowed), false);
    assert.equal(isAllowedExternalUrl('smb://acme.example/share', allowed), false);
    assert.equal(isAllowedExternalUrl('not a url', allowed), false);
  });

  it('calls shell.openExternal only for allowed URLs', async () => {
    const calls: string[] = [];
    const shell: Pick<Shell, 'openExternal'> = { openExternal: async (url) => void calls.push(url) };
    const { log, lines } = recordingLog();
    const open = createExternalOpener(shell, allowed, log);
    assert.equal(open('https://acme.example/privacy'), true);
    assert.equal(open('https://evil.example/'), false);
    assert.equal(open('javascript:alert(1)'), false);
    assert.deepEqual(calls, ['https://acme.example/privacy']);
    assert.equal(lines.length, 2);
  });
});
