import type { Browser, BrowserServer } from '@playwright/test';
import { fakeCaptureLaunchOptions } from '../support/chromium';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The customer disappears in the middle of a share, and the agent must be told. A closed tab
 * closes its WebSocket at once; a frozen or unplugged machine sends nothing, which only the
 * server's heartbeat notices (two missed pings). Either way the session waits
 * RESUME_GRACE_SECONDS for the customer to come back before it ends, and the agent sees that it
 * is waiting. Short intervals here (heartbeat 1 s, grace 5 s: long enough to see the waiting
 * state) keep the test quick; the waits below only bound how long the agent may stay
 * uninformed: 2 heartbeats + grace + generous slack for a busy machine.
 */
const HEARTBEAT_SECONDS = 1;
const GRACE_SECONDS = 5;
const AWAY = "Reconnecting… The customer's connection dropped; waiting for them to come back.";
const TOLD_WITHIN_MS = (2 * HEARTBEAT_SECONDS + GRACE_SECONDS) * 1000 + 15_000;

test.use({ serverEnv: { HEARTBEAT_INTERVAL_SECONDS: String(HEARTBEAT_SECONDS), RESUME_GRACE_SECONDS: String(GRACE_SECONDS) } });

test.describe('faults: the customer goes away while sharing', () => {
  test('the customer closes the tab: the agent is told and the picture goes away', async ({ agent, customer, fakeShare: sharing }) => {
    await customer.page.close();

    // A closed tab looks like a reload to the server (which must resume), so the agent first
    // sees the customer as away, then, when the grace period is over, the share as lost.
    await expect(sharing.session.status).toHaveText(AWAY, { timeout: TOLD_WITHIN_MS });
    await expect(sharing.session.status).toHaveText('Connection to the customer was lost', { timeout: TOLD_WITHIN_MS });
    await expect(sharing.session.video, 'the customer screen is gone from the console').toBeHidden();
    await expect(agent.page.getByRole('button', { name: 'Start screen share' }), 'the agent can start the next share').toBeEnabled();
  });

  test('the customer\'s browser freezes without closing anything: the heartbeat notices and the agent is told', async ({
    server,
    playwright,
    agentContext,
  }, testInfo) => {
    // A browser of its own, so the whole process group (including Chromium's network service,
    // which answers WebSocket pings by itself) can be frozen with SIGSTOP: the TCP connection
    // stays open but nothing answers, as with a hung machine or a pulled network cable.
    const browserServer: BrowserServer = await playwright.chromium.launchServer(fakeCaptureLaunchOptions());
    const pid = browserServer.process().pid;
    test.skip(pid === undefined, 'the customer browser has no process id to freeze');
    let frozen = false;
    let browser: Browser | undefined;
    try {
      browser = await playwright.chromium.connect(browserServer.wsEndpoint());
      const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
      const customer = await CustomerPage.open(await browser.newContext({ locale: 'en-US' }), server.customerUrl);
      const sharing = await shareScreen(agent, customer, 640);

      process.kill(-(pid as number), 'SIGSTOP');
      frozen = true;
      await expect(sharing.session.status).toHaveText(AWAY, { timeout: TOLD_WITHIN_MS });
      await expect(sharing.session.status).toHaveText('Connection to the customer was lost', { timeout: TOLD_WITHIN_MS });
      await expect(sharing.session.video, 'the customer screen is gone from the console').toBeHidden();
      await testInfo.attach('note.txt', { body: `froze customer browser process group ${pid}`, contentType: 'text/plain' });
    } finally {
      if (frozen && pid !== undefined) {
        process.kill(-pid, 'SIGKILL');
      }
      await browser?.close().catch(() => undefined);
      await browserServer.kill().catch(() => undefined);
    }
  });
});
