import type { BrowserContext, Page } from '@playwright/test';
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleApp } from '../../build/app-bundle';
import { createAppRequestHandler, isPageOrigin } from '../../main/appProtocol';
import { installScreenCapture, type ScreenSource } from '../../main/capture';
import { closeCleanlyWhileSharing, type ClosableWindow } from '../../main/closeWhileSharing';
import { loadAppConfig, type AppConfig } from '../../main/config';
import { customerPageCsp } from '../../main/csp';
import { desktopConfigFor } from '../../main/desktopConfig';
import { installDeepLinks } from '../../main/deepLink';
import { createDeepLinkInbox } from '../../main/deepLinkInbox';
import { desktopRoutes } from '../../main/desktopRoutes';
import { createIndicator, type IndicatorWindow } from '../../main/indicator';
import { createMarksOnScreen } from '../../main/marksOnScreen';
import { createPointerOverlay, markOnDisplay, type OverlayDisplay, type OverlayWindow } from '../../main/pointerOverlay';
import { createSenderCheck, registerIpcRoutes } from '../../main/ipc';
import { createSharingState } from '../../main/sharingState';
import { mainStrings } from '../../main/strings';
import { createSharingTray } from '../../main/tray';
import { Invoke, Push } from '../../preload/contract/channels';
import type { IndicatorView } from '../../preload/contract/indicatorApi';
import type { OverlayMarks } from '../../preload/contract/overlayApi';
import { normalizeKey } from '../../signaling/protocol/securityKey';
import { FakeSession, stub } from '../unit/main/fakes';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { waitForPicture } from './pages/videoProbe';

/**
 * The desktop app's contract, without the Electron binary: the real customer page (the app
 * bundle in dist/app/renderer, served by main's real app:// handler with its CSP) runs in Debian
 * Chromium with the REAL preload bundle, whose ipcRenderer is bridged to the REAL main-process
 * handlers (IPC routes with sender checks and argument schemas, screen capture, deep links,
 * sharing state, indicator, tray, close guard) running in this test process. Only Electron's own
 * objects are faked: the IPC transport, the session, desktopCapturer (two screens) and windows.
 * Chromium cannot load app:// URLs, so a loopback HTTP server passing every request to main's
 * app:// handler stands in for app://customer (a public-looking stand-in origin would be stopped
 * by Chromium's local-network checks when the page connects to the test's loopback server).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let appOrigin = '';
const asAppUrl = (url: string) => (appOrigin && url.startsWith(appOrigin) ? `app://customer${url.slice(appOrigin.length)}` : url);

// Node's URL gives non-special schemes an opaque origin; Electron's standard app:// scheme has a real one.
const originOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
};

let appCsp = '';

/** Serves app://customer/<path> at http://127.0.0.1:<port>/<path> through main's own handler (CSP included). */
async function startAppPageServer(): Promise<Server> {
  const server = createServer((request, response) => {
    const serve = createAppRequestHandler({ customer: { directory: path.join(root, 'dist/app/renderer'), csp: appCsp } });
    serve({ url: `app://customer${request.url ?? '/'}`, method: request.method ?? 'GET' })
      .then(async (answer) => {
        response.writeHead(answer.status, Object.fromEntries(answer.headers.entries()));
        response.end(Buffer.from(await answer.arrayBuffer()));
      })
      .catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return server;
}

// A 1x1 PNG: enough for the picker's thumbnails.
const THUMBNAIL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const screen = (id: string, name: string, displayId = ''): ScreenSource => ({
  id,
  name,
  display_id: displayId,
  thumbnail: { isEmpty: () => false, toDataURL: () => THUMBNAIL },
});

/** Two monitors: a 1920x1080 primary at 100 %, and a HiDPI one (2560x1440 pixels at 200 %) to its right, 200 DIP higher. */
const DISPLAYS: OverlayDisplay[] = [
  { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 },
  { id: 2, bounds: { x: 1920, y: -200, width: 1280, height: 720 }, scaleFactor: 2 },
];

/** What the indicator and the overlay window have in common, as main's modules drive them. */
class FakeFloatingWindow {
  visible = false;
  contentProtected = false;
  setContentProtection(enable: boolean) {
    this.contentProtected = enable;
  }
  setAlwaysOnTop() {}
  setVisibleOnAllWorkspaces() {}
  showInactive() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  isDestroyed() {
    return false;
  }
  destroy() {}
  async loadURL() {}
}

/** The pointer overlay window, as main's real overlay module drives it. */
class FakeOverlayWindow extends FakeFloatingWindow implements OverlayWindow {
  readonly id = 3;
  clickThrough = false;
  bounds: Partial<Electron.Rectangle> = {};
  readonly drawn: OverlayMarks[] = [];
  readonly webContents = { send: (_channel: string, marks: OverlayMarks) => void this.drawn.push(marks) };
  setIgnoreMouseEvents(ignore: boolean) {
    this.clickThrough = ignore;
  }
  setBounds(bounds: Partial<Electron.Rectangle>) {
    this.bounds = bounds;
  }
}

class FakeIndicatorWindow extends FakeFloatingWindow implements IndicatorWindow {
  readonly id = 2;
  readonly webContents = { send: () => {} };
}

class FakeMainWindow implements ClosableWindow {
  private closeListener?: (event: Electron.Event) => void;
  closed = false;
  on(_event: 'close', listener: (event: Electron.Event) => void): this {
    this.closeListener = listener;
    return this;
  }
  close(): void {
    let prevented = false;
    this.closeListener?.(stub<Electron.Event>({ preventDefault: () => void (prevented = true) }));
    if (!prevented) this.closed = true;
  }
  isDestroyed() {
    return this.closed;
  }
}

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** main/index.ts's wiring of the real modules, with fake Electron objects. */
class DesktopMain {
  readonly config: AppConfig;
  readonly session = new FakeSession();
  readonly sharing = createSharingState();
  readonly indicatorWindow = new FakeIndicatorWindow();
  readonly overlayWindow = new FakeOverlayWindow();
  readonly mainWindow = new FakeMainWindow();
  trayMenu: string[] = [];
  granted: string[] = [];
  readonly log: string[] = [];
  private readonly handlers = new Map<string, InvokeListener>();
  private page?: Page;
  readonly customerContents = stub<WebContents>({ id: 1 });
  readonly indicatorContents = stub<WebContents>({ id: 2 });
  readonly indicator;

  constructor(argv: string[]) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the spec drives the one desktop the app created
    lastDesktop = this;
    const log = (line: string) => void this.log.push(line);
    this.config = loadAppConfig({ file: appConfigFile, argv, env: {} });
    const strings = mainStrings('en');
    const requestStop = () => this.push(Push.stopRequested);
    const requestPause = (paused: boolean) => this.push(Push.pauseRequested, paused);
    const deepLinks = createDeepLinkInbox((link) => this.push(Push.deepLink, link));
    installDeepLinks({
      app: { requestSingleInstanceLock: () => true, setAsDefaultProtocolClient: () => true, on: () => stub(), quit: () => {} },
      config: this.config,
      argv,
      deliver: (link) => deepLinks.deliver(link),
      focus: () => {},
      log,
    });
    const capture = installScreenCapture({
      session: this.session,
      desktopCapturer: {
        getSources: async (options) =>
          [screen('screen:1:0', 'Screen 1', '1'), screen('screen:2:0', 'Screen 2', '2'), screen('window:9:0', 'Mail')].filter((s) =>
            options.types.some((type) => s.id.startsWith(type)),
          ),
      },
      systemPicker: false,
      // In the app the frame is also compared with the main window's; here there is no WebFrameMain.
      isOwnCapturingFrame: (_frame, origin) => isPageOrigin(origin, 'customer'),
      log,
    });
    this.indicator = createIndicator({
      createWindow: () => this.indicatorWindow,
      preloadPath: 'indicator-preload.cjs',
      url: 'app://indicator/indicator.html',
      strings,
      language: 'en',
      workArea: () => ({ x: 0, y: 0, width: 1920, height: 1080 }),
      log,
    });
    const tray = createSharingTray<string[]>({
      createTray: () => ({
        setToolTip: () => {},
        destroy: () => void (this.trayMenu = []),
        isDestroyed: () => false,
        setContextMenu: (menu) => void (this.trayMenu = menu),
        on: () => undefined,
      }),
      buildMenu: (template) => template.map((item) => item.label ?? '---'),
      strings,
      productName: this.config.productName,
      onStop: requestStop,
      onPause: requestPause,
      onShowWindow: () => {},
    });
    const overlay = createPointerOverlay({
      createWindow: () => this.overlayWindow,
      preloadPath: 'overlay-preload.cjs',
      url: 'app://overlay/overlay.html',
      displays: () => DISPLAYS,
      primaryDisplay: () => DISPLAYS[0]!,
      log,
    });
    this.sharing.onChange((state) => {
      this.indicator.update(state);
      tray.update(state);
      if (!state.sharing) overlay.hide();
    });
    registerIpcRoutes(
      { handle: (channel: string, listener: InvokeListener) => void this.handlers.set(channel, listener) },
      desktopRoutes({
        config: () => desktopConfigFor(this.config, 'en-US', 'linux'),
        capture,
        sharing: this.sharing,
        screenPermission: () => 'granted',
        openScreenPermissionSettings: async () => {},
        deepLinks,
        indicatorView: () => this.indicator.view(),
        requestStop,
        requestPause,
        showMarks: createMarksOnScreen({ overlay, shared: () => capture.shared(), sharing: () => this.sharing.get().sharing }),
      }),
      createSenderCheck({
        fromWebContents: (contents) => (contents === this.customerContents ? { id: 1 } : contents === this.indicatorContents ? { id: 2 } : null),
        windowFor: (role) => ({ id: role === 'customer' ? 1 : 2 }),
      }),
      log,
    );
    closeCleanlyWhileSharing({ window: this.mainWindow, sharing: this.sharing, requestStop, timers: { setTimeout, clearTimeout } });
  }

  /** Opens the customer page the way the app's main window loads it. */
  async open(context: BrowserContext): Promise<Page> {
    appCsp = customerPageCsp(this.config.allowedServers);
    const page = await context.newPage();
    this.page = page;
    page.on('pageerror', (error) => this.log.push(`page error: ${error.stack ?? error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') this.log.push(`page ${message.type()}: ${message.text()}`);
    });
    await page.exposeBinding('__desktopInvoke', (source, channel: string, args: unknown[]) => {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const frame = stub<WebFrameMain>({ url: asAppUrl(source.frame.url()), parent: source.frame.parentFrame() ? stub<WebFrameMain>() : null });
      return handler(stub<IpcMainInvokeEvent>({ sender: this.customerContents, senderFrame: frame }), ...args);
    });
    // Electron asks main's display-media handler which screen getDisplayMedia shares; so does this.
    await page.exposeBinding('__desktopDisplayMedia', (source) => {
      const handler = this.session.displayMediaHandler;
      if (!handler) throw new Error('no display media handler');
      return new Promise<boolean>((resolve) =>
        handler(
          { frame: null, securityOrigin: originOf(asAppUrl(source.frame.url())), videoRequested: true, audioRequested: false, userGesture: true },
          (streams) => {
            if (streams?.video && 'id' in streams.video) this.granted.push(streams.video.id);
            resolve(Boolean(streams?.video));
          },
        ),
      );
    });
    await page.addInitScript({ content: preloadHarness(await readFile(path.join(root, 'dist/app/preload.cjs'), 'utf8')) });
    await page.goto(`${appOrigin}/index.html`);
    return page;
  }

  /** The indicator window's Stop button, through the indicator's own IPC route. */
  async pressIndicatorStop(): Promise<void> {
    const handler = this.handlers.get(Invoke.indicatorStop);
    const frame = stub<WebFrameMain>({ url: 'app://indicator/indicator.html', parent: null });
    await handler?.(stub<IpcMainInvokeEvent>({ sender: this.indicatorContents, senderFrame: frame }));
  }

  indicatorView(): IndicatorView {
    return this.indicator.view();
  }

  private push(channel: string, payload?: unknown): void {
    this.page
      ?.evaluate(([name, data]) => (Reflect.get(window, '__desktopPush') as (name: string, data: unknown) => void)(name, data), [channel, payload] as const)
      .catch((error: unknown) => this.log.push(`push ${channel} failed: ${String(error)}`));
  }
}

/** Runs the preload bundle in the page with ipcRenderer bridged to the test process. */
function preloadHarness(preloadCode: string): string {
  return `(() => {
  if (window.top !== window) return;
  const listeners = new Map();
  window.__desktopPush = (channel, payload) => { for (const listener of listeners.get(channel) ?? []) listener({}, payload); };
  const electron = {
    contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }) },
    ipcRenderer: {
      invoke: (channel, ...args) => window.__desktopInvoke(channel, args),
      on: (channel, listener) => { listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)); },
      removeListener: (channel, listener) => { listeners.get(channel)?.delete(listener); },
    },
  };
  const require = (name) => { if (name !== 'electron') throw new Error('a sandboxed preload cannot require ' + name); return electron; };
  const module = { exports: {} };
  (function (require, module, exports) {\n${preloadCode}\n})(require, module, module.exports);
  const original = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getDisplayMedia = async (constraints) => {
    if (!(await window.__desktopDisplayMedia())) throw new DOMException('Permission denied', 'NotAllowedError');
    return original(constraints);
  };
})();`;
}

/**
 * The agent signs in and starts a share; the app opens its customer page (with `link(key)` as a
 * deep link on its command line when given).
 */
async function agentAndApp(
  server: { url: string; agentUrl: string },
  agentContext: () => Promise<BrowserContext>,
  customerContext: () => Promise<BrowserContext>,
  link?: (key: string) => string,
) {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const identity = await agent.identity();
  const session = await agent.startScreenShare();
  const key = await session.key();
  const desktop = new DesktopMain(['electron', 'main.cjs', '--server', server.url, ...(link ? [link(normalizeKey(key))] : [])]);
  const customer = CustomerPage.onPage(await desktop.open(await customerContext()));
  return { agent, identity, session, key, desktop, customer };
}

/** An agent's new share, and the app's customer page past the key and consent (at the picker, or sharing with one screen). */
async function consentedInApp(
  server: { url: string; agentUrl: string },
  agentContext: () => Promise<BrowserContext>,
  customerContext: () => Promise<BrowserContext>,
) {
  const started = await agentAndApp(server, agentContext, customerContext);
  await started.customer.enterKey(started.key);
  await started.customer.shareButton.click();
  return started;
}

let appConfigFile: unknown;
let lastDesktop: DesktopMain | undefined;
let pageServer: Server | undefined;

test.describe('desktop app contract (real renderer, preload and main handlers; no Electron binary needed)', () => {
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    await bundleApp();
    appConfigFile = JSON.parse(await readFile(path.join(root, 'main/app-config.json'), 'utf8'));
    pageServer = await startAppPageServer();
  });

  test.afterEach(async ({}, testInfo) => {
    if (lastDesktop) await testInfo.attach('main-process-log.txt', { body: lastDesktop.log.join('\n') || '(nothing logged)', contentType: 'text/plain' });
    lastDesktop = undefined;
  });

  test.afterAll(async () => {
    await new Promise((resolve) => (pageServer ? pageServer.close(resolve) : resolve(undefined)));
  });

  // The signaling server refuses sockets from pages it does not know (cross-site WebSocket
  // hijacking); an installation serving the app lists app://customer in ALLOWED_ORIGINS.
  test.use({ serverEnv: async ({}, use) => use({ ALLOWED_ORIGINS: appOrigin }) });

  test('a deep link fills in the key; the customer picks the second screen; Stop on the indicator ends it for both', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const { identity, session, desktop, customer } = await agentAndApp(
      server,
      agentContext,
      fakeCustomerContext,
      (key) => `screenshare://join?key=${key}&server=${server.url}`,
    );

    // The link's key was submitted on its own: the customer only has to consent.
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await expect(session.status).toHaveText('The customer entered the key');
    await customer.shareButton.click();

    // Two displays and a window (ALLOW_WINDOW_SHARE is on by default): main lists them all, the customer picks a screen.
    await expect(customer.page.getByRole('list', { name: 'Your screens' }).getByRole('button', { name: 'Screen 1' })).toBeVisible();
    await expect(customer.page.getByRole('list', { name: 'Single windows' }).getByRole('button', { name: 'Mail' })).toBeVisible();
    await customer.page.getByRole('button', { name: 'Screen 2' }).click();

    await expect(customer.sharingBar(identity.displayName)).toBeVisible();
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
    await expect(session.panel.getByText('Shared: whole screen', { exact: true })).toBeVisible();
    await waitForPicture(session.video, 640);
    expect(desktop.granted, 'main granted exactly the chosen screen').toEqual(['screen:2:0']);

    // Main follows the sharing state: indicator (content-protected) and tray.
    await expect.poll(() => desktop.indicatorWindow.visible).toBe(true);
    expect(desktop.indicatorWindow.contentProtected).toBe(true);
    expect(desktop.indicatorView().text).toBe(`Sharing your screen with ${identity.displayName}`);
    expect(desktop.trayMenu).toContain('Stop sharing');

    await desktop.pressIndicatorStop();
    await expect(customer.message('You stopped sharing your screen.')).toBeVisible();
    await expect(session.status).toHaveText('Ended by the customer');
    await expect.poll(() => desktop.indicatorWindow.visible).toBe(false);
    expect(desktop.trayMenu).toEqual([]);
  });

  test('closing the window while sharing ends the share cleanly: the agent reads "Ended by the customer"', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const { identity, session, desktop, customer } = await consentedInApp(server, agentContext, fakeCustomerContext);
    await customer.page.getByRole('button', { name: 'Screen 1' }).click();
    await expect(customer.sharingBar(identity.displayName)).toBeVisible();
    await waitForPicture(session.video, 640);

    await expect.poll(() => desktop.sharing.get().sharing, 'the page told main it is sharing').toBe(true);
    desktop.mainWindow.close();
    expect(desktop.mainWindow.closed, 'the window waits for the page to stop').toBe(false);
    await expect(session.status).toHaveText('Ended by the customer');
    await expect.poll(() => desktop.mainWindow.closed).toBe(true);
    expect(desktop.granted).toEqual(['screen:1:0']);
  });

  test('the customer picks one window: main grants exactly that window, the agent reads "Shared: one window"', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const { session, desktop, customer } = await consentedInApp(server, agentContext, fakeCustomerContext);
    await expect(customer.page.getByRole('heading', { name: 'What do you want to share?' })).toBeVisible();
    await customer.page.getByRole('button', { name: 'Mail' }).click();
    await expect(session.panel.getByText('Shared: one window', { exact: true })).toBeVisible();
    await waitForPicture(session.video, 640);
    expect(desktop.granted).toEqual(['window:9:0']);
  });

  test.describe('with ALLOW_WINDOW_SHARE=false', () => {
    test.use({ serverEnv: async ({}, use) => use({ ALLOWED_ORIGINS: appOrigin, ALLOW_WINDOW_SHARE: 'false' }) });

    test('the picker offers whole screens only', async ({ server, agentContext, fakeCustomerContext }) => {
      const { session, desktop, customer } = await consentedInApp(server, agentContext, fakeCustomerContext);
      await expect(customer.page.getByRole('heading', { name: 'Which screen do you want to share?' })).toBeVisible();
      await expect(customer.page.getByRole('button', { name: 'Screen 2' })).toBeVisible();
      await expect(customer.page.getByRole('button', { name: 'Mail' })).toHaveCount(0);
      await customer.page.getByRole('button', { name: 'Screen 1' }).click();
      await expect(session.panel.getByText('Shared: whole screen', { exact: true })).toBeVisible();
      expect(desktop.granted).toEqual(['screen:1:0']);
    });
  });

  test('the agent points: main draws the mark in the overlay over the shared second, scaled display; the page only says where', async ({
    server,
    agentContext,
    fakeCustomerContext,
  }) => {
    const { identity, session, desktop, customer } = await consentedInApp(server, agentContext, fakeCustomerContext);
    await customer.page.getByRole('button', { name: 'Screen 2' }).click();
    await waitForPicture(session.video, 640);

    await session.pointAt(0.75, 0.25);

    await expect.poll(() => desktop.overlayWindow.drawn.at(-1)?.point ?? null).not.toBeNull();
    const drawn = desktop.overlayWindow.drawn.at(-1)?.point;
    expect(drawn?.x).toBeCloseTo(0.75, 2);
    expect(drawn?.y).toBeCloseTo(0.25, 2);
    expect(desktop.overlayWindow.bounds, 'the overlay covers the shared display').toEqual(DISPLAYS[1]?.bounds);
    expect(desktop.overlayWindow.visible).toBe(true);
    expect(desktop.overlayWindow.clickThrough && desktop.overlayWindow.contentProtected).toBe(true);
    // On the customer's real second display: 3/4 across and 1/4 down, in its own (doubled) pixels.
    const display = DISPLAYS[1]!;
    const onScreen = markOnDisplay(display, drawn?.x ?? 0, drawn?.y ?? 0);
    expect(Math.abs(onScreen.framePixel.x - 1920)).toBeLessThanOrEqual(26);
    expect(Math.abs(onScreen.framePixel.y - 360)).toBeLessThanOrEqual(15);

    // The page draws nothing itself: it says where, and keeps the switch.
    await expect(customer.page.getByText(`${identity.displayName} is pointing at the top right of your screen.`)).toBeVisible();
    await expect(customer.page.locator('.marks-video')).toBeHidden();
    await customer.page.getByRole('checkbox', { name: `Show ${identity.displayName}’s pointer and drawings on your screen` }).uncheck();
    await expect.poll(() => desktop.overlayWindow.visible, 'turned off: the overlay hides').toBe(false);

    await desktop.pressIndicatorStop();
    await expect(session.status).toHaveText('Ended by the customer');
  });

  test('a link naming a server that is not on the allowlist is ignored', async ({ server, agentContext, fakeCustomerContext }) => {
    const { session, desktop, customer } = await agentAndApp(
      server,
      agentContext,
      fakeCustomerContext,
      (key) => `screenshare://join?key=${key}&server=https://evil.example`,
    );

    await expect(customer.keyField).toHaveValue('');
    await expect(session.status).toHaveText('Waiting for the customer to enter the key');
    expect(desktop.log.some((line) => line.includes('not on the allowlist'))).toBe(true);
  });
});
