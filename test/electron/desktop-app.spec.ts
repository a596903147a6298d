import { bundleApp } from '../../build/app-bundle';
import { normalizeKey } from '../../signaling/protocol/securityKey';
import { AgentConsole } from '../e2e/pages/agentConsole';
import { waitForPicture } from '../e2e/pages/videoProbe';
import { ELECTRON, NO_ELECTRON_REASON, expect, test, type RunningApp } from './fixtures';

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

async function indicatorOf(running: RunningApp) {
  await expect.poll(() => running.app.windows().some((page) => page.url().startsWith('app://indicator/'))).toBe(true);
  const indicator = running.app.windows().find((page) => page.url().startsWith('app://indicator/'));
  if (!indicator) throw new Error('no indicator window');
  return indicator;
}

test.describe('desktop app (Electron)', () => {
  test('starts with the bundled customer page in a locked-down window', async ({ launchApp }) => {
    const { app, window: page } = await launchApp();
    // (The window's web preferences are checked in test/unit/main; here: what the page can reach.)
    await expect(page.getByRole('textbox', { name: 'Security key' })).toBeEditable();
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
    await expect(page.getByRole('textbox', { name: 'Security key' })).toBeEditable();
    expect(page.url()).toBe('app://customer/index.html');
    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('shares the whole screen to the agent, who sees frames; Stop in the indicator ends it for both', async ({
    launchApp,
    server,
    agentContext,
  }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const identity = await agent.identity();
    const session = await agent.startScreenShare();
    const running = await launchApp();
    const { window } = running;

    await window.getByRole('textbox', { name: 'Security key' }).fill(await session.key());
    await window.getByRole('button', { name: 'Continue' }).click();
    await expect(window.getByText(`${identity.displayName} from ${identity.organisation} wants to see your screen`, { exact: true })).toBeVisible();
    await window.getByRole('button', { name: 'Share my screen' }).click();

    // One display (Xvfb): no picker, the screen is shared right away.
    await expect(window.getByText(`You are sharing your screen with ${identity.displayName}`, { exact: true })).toBeVisible({ timeout: 30_000 });
    await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
    const picture = await waitForPicture(session.video, 1280);
    expect(picture).toEqual({ width: 1920, height: 1080 });

    const indicator = await indicatorOf(running);
    await expect(indicator.getByText(`Sharing your screen with ${identity.displayName}`, { exact: true })).toBeVisible();
    await indicator.getByRole('button', { name: 'Stop' }).click();

    await expect(window.getByText('You stopped sharing your screen.', { exact: true })).toBeVisible();
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
    const consent = `${identity.displayName} from ${identity.organisation} wants to see your screen`;

    const first = await agent.startScreenShare();
    const running = await launchApp([`screenshare://join?key=${normalizeKey(await first.key())}&server=${server.url}`]);
    await expect(running.window.getByText(consent, { exact: true })).toBeVisible();
    await running.window.getByRole('button', { name: 'Decline' }).click();
    await expect(first.status).toHaveText('The customer declined');

    const second = await agent.startScreenShare();
    const exitCode = await secondInstance(running, [`screenshare://join?key=${normalizeKey(await second.key())}&server=${server.url}`]);
    expect(exitCode, 'the second instance quits after handing over').toBe(0);
    await expect(running.window.getByText(consent, { exact: true })).toBeVisible();
    await expect(second.status).toHaveText('The customer entered the key');
  });

  test('closing the window while sharing tells the agent the customer ended it', async ({ launchApp, server, agentContext }) => {
    const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
    const session = await agent.startScreenShare();
    const running = await launchApp();
    await running.window.getByRole('textbox', { name: 'Security key' }).fill(await session.key());
    await running.window.getByRole('button', { name: 'Continue' }).click();
    await running.window.getByRole('button', { name: 'Share my screen' }).click();
    await waitForPicture(session.video, 1280);

    await running.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().find((w) => w.webContents.getURL().startsWith('app://customer/'))?.close());
    await expect(session.status).toHaveText('Ended by the customer');
  });
});
