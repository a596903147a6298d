import { agentLaunchOptions } from '../support/chromium';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The agent's browser goes away (closed, crashed) in the middle of a share. The customer's page
 * must stop capturing (the browser's "sharing" indicator goes away with the capture track) and
 * say what happened. The session first waits RESUME_GRACE_SECONDS (5 s here) for the agent to
 * come back, and the customer is told it is reconnecting meanwhile; the waits below only bound how
 * long that may take, with slack for a busy machine.
 */
const GRACE_SECONDS = 5;
const TOLD_WITHIN_MS = GRACE_SECONDS * 1000 + 20_000;

declare global {
  interface Window {
    __capturedTracks?: MediaStreamTrack[];
  }
}

test.use({ serverEnv: { HEARTBEAT_INTERVAL_SECONDS: '1', RESUME_GRACE_SECONDS: String(GRACE_SECONDS) } });

test.describe('faults: the agent goes away while the customer shares', () => {
  test("the agent's browser is closed: the customer's share stops and the page says so", async ({
    server,
    playwright,
    fakeCustomerContext,
  }) => {
    const agentBrowser = await playwright.chromium.launch(agentLaunchOptions());
    try {
      const agent = await AgentConsole.signIn(await agentBrowser.newContext({ locale: 'en-US' }), server.agentUrl);
      const context = await fakeCustomerContext();
      // Keep hold of every captured track, to see whether the page really stops capturing.
      await context.addInitScript(() => {
        const devices = navigator.mediaDevices;
        const original = devices.getDisplayMedia.bind(devices);
        devices.getDisplayMedia = async (options?: DisplayMediaStreamOptions) => {
          const stream = await original(options);
          (window.__capturedTracks ??= []).push(...stream.getTracks());
          return stream;
        };
      });
      const customer = await CustomerPage.open(context, server.customerUrl);
      const sharing = await shareScreen(agent, customer, 640);
      const liveTracks = () =>
        customer.page.evaluate(() => (window.__capturedTracks ?? []).filter((track) => track.readyState === 'live').length);
      expect(await liveTracks(), 'the customer is capturing while sharing').toBeGreaterThan(0);

      await agentBrowser.close();

      await expect(customer.message('The connection was interrupted. Please wait a moment; you do not need to do anything.')).toBeVisible({
        timeout: TOLD_WITHIN_MS,
      });
      await expect(customer.message('The connection was lost.')).toBeVisible({ timeout: TOLD_WITHIN_MS });
      await expect(customer.sharingBar(sharing.agentName)).toBeHidden();
      await expect(customer.stopButton).toBeHidden();
      await expect.poll(liveTracks, { message: 'every capture track has stopped' }).toBe(0);
    } finally {
      await agentBrowser.close().catch(() => undefined);
    }
  });
});
