import { strict as assert } from 'node:assert';
import type { App, Event } from 'electron';
import { findDeepLinkInArgv, installDeepLinks, parseDeepLink } from '../../../main/deepLink';
import { createDeepLinkInbox } from '../../../main/deepLinkInbox';
import type { DeepLink } from '../../../preload/contract/desktopApi';
import { recordingLog, stub } from './fakes';

const config = {
  deepLinkScheme: 'acme-share',
  serverUrl: 'https://support.acme.example',
  allowedServers: ['https://support.acme.example', 'https://eu.support.acme.example'],
};
// 12345678 + its Damm check digit 6
const KEY = '123456786';

describe('deep links', () => {
  it('opens the app with the key and an allowed server', () => {
    assert.deepEqual(parseDeepLink(`acme-share://join?key=${KEY}&server=https://eu.support.acme.example/`, config), {
      ok: true,
      link: { key: KEY, server: 'https://eu.support.acme.example' },
    });
    assert.deepEqual(parseDeepLink('acme-share://join?key=123%20456-786', config), {
      ok: true,
      link: { key: KEY, server: 'https://support.acme.example' },
    });
    assert.equal(parseDeepLink(`ACME-SHARE://JOIN/?key=${KEY}`, config).ok, true);
  });

  it('ignores a link naming any server that is not on the allowlist', () => {
    for (const server of [
      'https://evil.example',
      'https://support.acme.example.evil.example',
      'https://support.acme.example@evil.example',
      'http://support.acme.example',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const result = parseDeepLink(`acme-share://join?key=${KEY}&server=${encodeURIComponent(server)}`, config);
      assert.equal(result.ok, false, server);
      if (!result.ok) assert.match(result.reason, /not on the allowlist/);
    }
  });

  it('rejects malformed keys', () => {
    for (const key of ['123456788', '12345678', '1234567890', '12345678a', '']) {
      const result = parseDeepLink(`acme-share://join?key=${key}`, config);
      assert.equal(result.ok, false, key);
      if (!result.ok) assert.match(result.reason, /malformed key/);
    }
    assert.equal(parseDeepLink('acme-share://join', config).ok, false);
  });

  it('rejects other schemes and actions', () => {
    assert.equal(parseDeepLink(`https://join?key=${KEY}`, config).ok, false);
    assert.equal(parseDeepLink(`acme-share://view?key=${KEY}`, config).ok, false);
    assert.equal(parseDeepLink(`acme-share://join?key=${KEY}&x=${'a'.repeat(3000)}`, config).ok, false);
  });

  it('finds the link among command-line arguments', () => {
    assert.equal(findDeepLinkInArgv(['app.exe', '--flag', `acme-share://join?key=${KEY}`], 'acme-share'), `acme-share://join?key=${KEY}`);
    assert.equal(findDeepLinkInArgv(['app.exe', 'other://join'], 'acme-share'), undefined);
  });
});

type AppEvent = 'second-instance' | 'open-url';
type AppFake = Pick<App, 'requestSingleInstanceLock' | 'setAsDefaultProtocolClient' | 'on' | 'quit'>;

function fakeApp(lock: boolean) {
  const listeners = new Map<AppEvent, (...args: unknown[]) => void>();
  const registered: unknown[][] = [];
  let quit = 0;
  const app: AppFake = {
    requestSingleInstanceLock: () => lock,
    setAsDefaultProtocolClient: (...args: unknown[]) => {
      registered.push(args);
      return true;
    },
    quit: () => void quit++,
    on: ((name: AppEvent, listener: (...args: unknown[]) => void) => {
      listeners.set(name, listener);
      return app;
    }) as AppFake['on'],
  };
  const emit = (name: AppEvent, ...args: unknown[]) => listeners.get(name)?.(...args);
  return { app, registered, quit: () => quit, listeners, emit };
}

describe('single instance and link hand-over', () => {
  function install(lock: boolean, argv: string[] = ['app']) {
    const fake = fakeApp(lock);
    const delivered: DeepLink[] = [];
    let focused = 0;
    const { log, lines } = recordingLog();
    const primary = installDeepLinks({
      app: fake.app,
      config,
      argv,
      deliver: (link) => delivered.push(link),
      focus: () => void focused++,
      log,
    });
    return { ...fake, primary, delivered, focused: () => focused, lines };
  }

  it('a second start hands over to the running app and quits', () => {
    const second = install(false, ['app', `acme-share://join?key=${KEY}`]);
    assert.equal(second.primary, false);
    assert.equal(second.quit(), 1);
    assert.deepEqual(second.delivered, [], 'the running app receives the link, not this one');
    assert.equal(second.listeners.size, 0);
  });

  it('the running app gets the link of the second start and comes to the front', () => {
    const first = install(true);
    assert.equal(first.primary, true);
    assert.deepEqual(first.registered, [['acme-share']]);
    first.emit('second-instance', stub<Event>(), ['app', '--some-flag', `acme-share://join?key=${KEY}&server=https://eu.support.acme.example`], '/home');
    assert.deepEqual(first.delivered, [{ key: KEY, server: 'https://eu.support.acme.example' }]);
    assert.equal(first.focused(), 1);
  });

  it('logs and drops a bad link from a second start', () => {
    const first = install(true);
    first.emit('second-instance', stub<Event>(), ['app', `acme-share://join?key=${KEY}&server=https://evil.example`], '/');
    assert.deepEqual(first.delivered, []);
    assert.ok(first.lines.some((line) => /not on the allowlist/.test(line)));
  });

  it('delivers the link the app was started with', () => {
    const first = install(true, ['app', `acme-share://join?key=${KEY}`]);
    assert.deepEqual(first.delivered, [{ key: KEY, server: 'https://support.acme.example' }]);
  });

  it('takes macOS open-url events', () => {
    const first = install(true);
    let prevented = false;
    first.emit('open-url', stub<Event>({ preventDefault: () => void (prevented = true) }), `acme-share://join?key=${KEY}`);
    assert.equal(prevented, true);
    assert.deepEqual(first.delivered, [{ key: KEY, server: 'https://support.acme.example' }]);
  });

  it('in development registers electron with our script as the handler', () => {
    const fake = fakeApp(true);
    installDeepLinks({
      app: fake.app,
      config,
      argv: ['electron', '/app/main.cjs'],
      devLaunch: { execPath: '/usr/bin/electron', args: ['/app/main.cjs'] },
      deliver: () => {},
      focus: () => {},
      log: () => {},
    });
    assert.deepEqual(fake.registered, [['acme-share', '/usr/bin/electron', ['/app/main.cjs']]]);
  });
});

describe('deep-link inbox', () => {
  const link = (key: string): DeepLink => ({ key, server: 'https://support.acme.example' });

  it('keeps the launch link until the page listens, then pushes later links straight away', () => {
    const pushed: DeepLink[] = [];
    const inbox = createDeepLinkInbox((l) => pushed.push(l));
    inbox.deliver(link('1'));
    inbox.deliver(link('2'));
    assert.deepEqual(pushed, []);
    assert.deepEqual(inbox.take(), link('2'), 'only the newest link counts');
    assert.equal(inbox.take(), null);
    inbox.deliver(link('3'));
    assert.deepEqual(pushed, [link('3')]);
  });

  it('keeps links again while the page reloads', () => {
    const pushed: DeepLink[] = [];
    const inbox = createDeepLinkInbox((l) => pushed.push(l));
    inbox.take();
    inbox.pageReloaded();
    inbox.deliver(link('4'));
    assert.deepEqual(pushed, []);
    assert.deepEqual(inbox.take(), link('4'));
  });
});
