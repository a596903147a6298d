import { bundleApp } from '../../build/app-bundle';
import { normalizeKey } from '../../signaling/protocol/securityKey';
import type { AgentIdentity } from '../e2e/fixtures';
import { AgentConsole, type AgentSession } from '../e2e/pages/agentConsole';
import { CustomerPage } from '../e2e/pages/customerPage';
import { waitForPicture } from '../e2e/pages/videoProbe';
import { ELECTRON, NO_ELECTRON_REASON, expect, test, type ElectronTestArgs, type RunningApp } from './fixtures';

/**
 * The desktop app as a customer uses it, in the real Electron binary: launch, share the screen
 * to the agent console and see frames there, stop from the indicator window, open a deep link.
 */
test.skip(!ELECTRON, NO_ELECTRON_REASON);
// The app's pages have the origin app://customer: the server must accept their sockets.
test.use({ serverEnv: { ALLOWED_ORIGINS: 'app://customer' } });
test.beforeAll(async () => {
  test.setTimeout(120_000);
  await bundleApp();
});

/** The app's window showing app://<page>/, once it exists. */
async function windowOf(running: RunningApp, page: 'indicator' | 'overlay') {
  const prefix = `app://${page}/`;
  await expect.poll(() => running.app.windows().some((shown) => shown.url().startsWith(prefix))).toBe(true);
  const found = running.app.windows().find((shown) => shown.url().startsWith(prefix));
  if (!found) throw new Error(`no ${page} window`);
  return found;
}
const indicatorOf = (running: RunningApp) => windowOf(running, 'indicator');
const overlayOf = (running: RunningApp) => windowOf(running, 'overlay');

interface AppShare {
  agent: AgentConsole;
  session: AgentSession;
  running: RunningApp;
  /** The customer page in the app's window. */
  customer: CustomerPage;
}

/** The agent signs in and starts a share; the app starts against the same server. */
async function agentAndApp({ launchApp, server, agentContext }: ElectronTestArgs): Promise<AppShare> {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const session = await agent.startScreenShare();
  const running = await launchApp();
  return { agent, session, running, customer: CustomerPage.onPage(running.window) };
}

/** The customer types the agent's key in the app, reads who asks and clicks "Share my screen". */
async function consentInApp({ agent, session, customer }: AppShare): Promise<AgentIdentity> {
  const identity = await agent.identity();
  await customer.enterKey(await session.key());
  await expect(customer.consentQuestion(identity)).toBeVisible();
  await customer.shareButton.click();
  return identity;
}

/** The voice flow in the app up to a live picture of the one (Xvfb) screen at the agent. */
async function sharingFromApp(share: AppShare): Promise<void> {
  await consentInApp(share);
  await waitForPicture(share.session.video, 1280);
}

test.describe('desktop app (Electron)', () => {
  test('starts with the bundled customer page in a locked-down window', async ({ launchApp }) => {
    const { app, window: page } = await launchApp();
    const { keyField } = CustomerPage.onPage(page);
    // (The window's web preferences are checked in test/unit/main; here: what the page can reach.)
    await expect(keyField).toBeEditable();
    expect(page.url()).toBe('app://customer/index.html');

    // The page sees the DesktopApi and nothing of Node or Electron.
    const globals = await page.evaluate(() => ({
      desktop: typeof Reflect.get(window, 'screenShareDesktop'),
      require: typeof Reflect.get(window, 'require'),
      process: typeof Reflect.get(window, 'process'),
      ipcRenderer: typeof Reflect.get(window, 'ipcRenderer'),
    }));
    expect(globals).toEqual({ desktop: 'object', require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });

    // Navigation away and new windows are refused.
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await expect(keyField).toBeEditable();
    expect(page.url()).toBe('app://customer/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('shares the whole screen to the agent, who sees frames; Stop in the indicator ends it for both', async ({ launchApp, server, agentContext }) => {
    const share = await agentAndApp({ launchApp, server, agentContext });
    const { session, running, customer } = share;
    const identity = await consentInApp(share);

    // One display (Xvfb): no picker, the screen is shared right away.
    await expect(customer.sharingBar(identity.displayName)).toBeVisible({ timeout: 30_000 });
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
    const picture = await waitForPicture(session.video, 1280);
    expect(picture).toEqual({ width: 1920, height: 1080 });

    const indicator = await indicatorOf(running);
    await expect(indicator.getByText(`Sharing your screen with ${identity.displayName}`, { exact: true })).toBeVisible();
    await indicator.getByRole('button', { name: 'Stop' }).click();

    await expect(customer.message('You stopped sharing your screen.')).toBeVisible();
    await expect(session.status).toHaveText('Ended by the customer');
    await expect.poll(() => indicator.evaluate(() => document.visibilityState)).toBe('hidden');
  });

  test('a deep link opens the app with the key, and a second start hands its link to the running app', async ({
    launchApp,
    secondInstance,
    server,
    agentContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const identity = await agent.identity();

    const first = await agent.startScreenShare();
    const running = await launchApp([`screenshare://join?key=${normalizeKey(await first.key())}&server=${server.url}`]);
    const customer = CustomerPage.onPage(running.window);
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await customer.declineButton.click();
    await expect(first.status).toHaveText('The customer declined');

    const second = await agent.startScreenShare();
    const exitCode = await secondInstance(running, [`screenshare://join?key=${normalizeKey(await second.key())}&server=${server.url}`]);
    expect(exitCode, 'the second instance quits after handing over').toBe(0);
    await expect(customer.consentQuestion(identity)).toBeVisible();
    await expect(second.status).toHaveText('The customer entered the key');
  });

  test('closing the window while sharing tells the agent the customer ended it', async ({ launchApp, server, agentContext }) => {
    const share = await agentAndApp({ launchApp, server, agentContext });
    const { session, running } = share;
    await sharingFromApp(share);

    await running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://customer/'))?.close());
    await expect(session.status).toHaveText('Ended by the customer');
  });
});

test.describe('desktop app (Electron): pause and the pointer overlay', () => {
  test('Pause in the indicator holds the picture back: the agent reads "Paused by the customer"; Resume lets it go again', async ({
    launchApp,
    server,
    agentContext,
  }) => {
    const share = await agentAndApp({ launchApp, server, agentContext });
    const { session, running, customer } = share;
    await sharingFromApp(share);

    const indicator = await indicatorOf(running);
    await indicator.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect(session.status).toHaveText('Paused by the customer');
    await expect(customer.resumeButton).toBeVisible();
    await indicator.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
  });

  test('the agent points: a transparent, click-through overlay over the shared screen shows the mark there', async ({ launchApp, server, agentContext }) => {
    const share = await agentAndApp({ launchApp, server, agentContext });
    const { session, running } = share;
    await sharingFromApp(share);

    await session.pointAt(0.75, 0.25);
    const overlay = await overlayOf(running);
    const point = overlay.locator('#point');
    await expect(point).toBeVisible();
    // The overlay covers the whole 1920x1080 display: 3/4 across and 1/4 down is (1440, 270).
    const at = await point.boundingBox();
    expect(Math.abs((at?.x ?? 0) - 1440)).toBeLessThanOrEqual(20);
    expect(Math.abs((at?.y ?? 0) - 270)).toBeLessThanOrEqual(20);
    const shape = await running.app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://overlay/'));
      return window && { bounds: window.getBounds(), onTop: window.isAlwaysOnTop(), focusable: window.isFocusable() };
    });
    expect(shape).toEqual({ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, onTop: true, focusable: false });
    await expect(running.window.getByText(/is pointing at the top right of your screen\.$/)).toBeVisible();
  });

  test('with two monitors the overlay covers the one that is shared', async ({ launchApp, server, agentContext }) => {
    const share = await agentAndApp({ launchApp, server, agentContext });
    const { session, running } = share;
    const displays = await running.app.evaluate(({ screen }) => screen.getAllDisplays().map((display) => display.bounds));
    test.skip(displays.length < 2, 'needs a desktop with two monitors (this one has one)');
    await consentInApp(share);
    await running.window.getByRole('list', { name: 'Your screens' }).getByRole('button').nth(1).click();
    await waitForPicture(session.video, 320);

    await session.pointAt(0.5, 0.5);
    await overlayOf(running);
    const bounds = await running.app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://overlay/'))?.getBounds(),
    );
    expect(bounds).toEqual(displays[1]);
  });
});
