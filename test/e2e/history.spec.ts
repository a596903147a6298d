import AxeBuilder from '@axe-core/playwright';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeAccounts } from '../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../signaling/server/accounts/passwords';
import { startServer, type RunningServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The history view: bob and carol are agents (imported from the agents file at start), alice
 * (DEMO_AGENT) is a supervisor.
 */
const BOB = { username: 'bob', password: 'secret-bob', displayName: 'Bob Berg' } as const;
const CAROL = { username: 'carol', password: 'secret-carol', displayName: 'Carol Chen' } as const;

async function serverWithTwoAgents(dir: string): Promise<RunningServer> {
  const agentsFile = path.join(dir, 'agents.json');
  const accounts = await Promise.all(
    [BOB, CAROL].map(async (a) => ({ username: a.username, displayName: a.displayName, passwordHash: await hashPassword(a.password), createdAt: new Date().toISOString() })),
  );
  await writeAccounts(agentsFile, accounts);
  // Generous: a loaded machine may take a while to start the server and open its database.
  return startServer({ AGENTS_FILE: agentsFile }, 60_000);
}

async function openHistory(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeFocused();
}

const sessionRows = (page: Page, caption = 'Screen share sessions') => page.getByRole('table', { name: caption }).locator('tbody tr');

async function expectNoAxeViolations(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include('#history-view').analyze();
  const found = results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
  expect(found, `axe violations on ${state}`).toEqual([]);
}

test.describe('history of share sessions', () => {
  let dir: string;
  let server: RunningServer | undefined;
  test.beforeEach(async ({}, testInfo) => {
    testInfo.setTimeout(testInfo.timeout + 90_000);
    dir = await mkdtemp(path.join(tmpdir(), 'history-e2e-'));
    server = await serverWithTwoAgents(dir);
  });
  test.afterEach(async ({}, testInfo) => {
    if (server) {
      await server.stop();
      await testInfo.attach('server-output.txt', { body: server.output(), contentType: 'text/plain' });
    }
    await rm(dir, { recursive: true, force: true });
  });

  test("an agent's share shows in their history; a supervisor filters, opens its timeline and exports CSV; agents never see each other's", async ({
    agentBrowser,
    fakeCustomerContext,
  }) => {
    test.setTimeout(180_000);
    if (!server) throw new Error('no server');
    const newContext = () => agentBrowser.newContext({ locale: 'en-US', bypassCSP: true, viewport: { width: 1440, height: 900 } });
    const carolContext = await newContext();
    const bobContext = await newContext();
    const aliceContext = await newContext();
    try {
      // carol shares her screen with a customer and ends it; bob starts a share nobody joins and ends it.
      const carol = await AgentConsole.signIn(carolContext, server.agentUrl, CAROL);
      const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
      const shared = await shareScreen(carol, customer, 640);
      await shared.session.endSession();
      await expect(shared.session.status).toHaveText('Ended by you');
      const bob = await AgentConsole.signIn(bobContext, server.agentUrl, BOB);
      const bobsShare = await bob.startScreenShare();
      await bobsShare.endSession();
      await expect(bobsShare.status).toHaveText('Ended by you');

      // carol sees her own share, and nothing of bob's, with no agent filter.
      await openHistory(carol.page);
      await expect(carol.page.getByText('Your past screen shares and the chats you took, newest first.')).toBeVisible();
      const carolRows = sessionRows(carol.page);
      await expect(carolRows).toHaveCount(1);
      await expect(carolRows.first()).toContainText('carol');
      await expect(carolRows.first()).toContainText('Shared');
      await expect(carol.page.getByLabel('Agent', { exact: true })).toBeHidden();
      const receipt = (await carolRows.first().locator('.history-receipt').innerText()).trim();
      expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expectNoAxeViolations(carol.page, "an agent's history");

      // …and the server refuses her bob's records however she asks.
      await openHistory(bob.page);
      await expect(sessionRows(bob.page)).toHaveCount(1);
      const bobsSessionId = await sessionRows(bob.page).first().getAttribute('data-session-id');
      await expect(sessionRows(bob.page).first()).toContainText('Not shared');
      const api = (route: string) => carol.page.request.get(new URL(route, server?.url).href);
      expect((await api('/api/agent/history?agent=bob')).status()).toBe(403);
      expect((await api(`/api/agent/history/sessions/${bobsSessionId}`)).status()).toBe(404);
      expect(await (await api(`/api/agent/history?find=${bobsSessionId}`)).json()).toMatchObject({ rows: [] });

      // alice, a supervisor, sees both, filters by agent and by receipt, opens the timeline, exports.
      const alice = await AgentConsole.signIn(aliceContext, server.agentUrl);
      await openHistory(alice.page);
      await expect(alice.page.getByText("Every agent's past screen shares and chats, newest first.")).toBeVisible();
      const rows = sessionRows(alice.page);
      await expect(rows).toHaveCount(2);
      await alice.page.getByLabel('Agent', { exact: true }).fill('bob');
      await alice.page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('bob');

      await alice.page.getByLabel('Agent', { exact: true }).fill('');
      await alice.page.getByLabel('Outcome').selectOption({ label: 'Shared' });
      await alice.page.getByLabel('Receipt or session').fill(receipt.toLowerCase());
      await alice.page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(receipt);
      await expect(rows.first()).toContainText('carol');

      await rows.first().getByRole('button', { name: 'Timeline' }).click();
      const timeline = alice.page.getByRole('region', { name: /^Timeline of session / });
      await expect(timeline).toBeVisible();
      await expect(timeline.getByRole('listitem')).toContainText(['Key issued', 'Customer agreed to share', 'Screen share started', 'Session ended']);
      await expect(timeline).toContainText(receipt);
      await expectNoAxeViolations(alice.page, "a supervisor's history with a timeline open");

      const [download] = await Promise.all([alice.page.waitForEvent('download'), alice.page.getByRole('link', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^screen-share-history-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
      expect(csv[0]).toBe('started_at,agent,session_id,customer,outcome,shared_seconds,receipt,kind');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toMatch(new RegExp(`,carol,[^,]+,[^,]*,shared,\\d+,${receipt},share$`));

      await timeline.getByRole('button', { name: 'Close timeline' }).click();
      await expect(timeline).toBeHidden();
      await expect(rows.first().getByRole('button', { name: 'Timeline' })).toBeFocused();

      // In German, and back to the console with its button.
      await alice.page.getByRole('button', { name: 'DE' }).click();
      await expect(alice.page.getByRole('heading', { level: 1, name: 'Verlauf' })).toBeVisible();
      const germanRows = sessionRows(alice.page, 'Sitzungen zur Bildschirmfreigabe');
      await expect(germanRows.first()).toContainText('Freigegeben');
      // The timeline's facts in German too: why the share ended, in words rather than a code.
      await germanRows.first().getByRole('button', { name: 'Ablauf', exact: true }).click();
      const germanTimeline = alice.page.getByRole('region', { name: /^Ablauf der Sitzung / });
      await expect(germanTimeline.getByRole('listitem').filter({ hasText: 'Sitzung beendet' })).toContainText('regulär beendet');
      await expect(germanTimeline).not.toContainText('ended');
      await expectNoAxeViolations(alice.page, 'the history in German');
      await alice.page.getByRole('button', { name: 'Zurück zur Konsole' }).click();
      await expect(alice.page.getByRole('button', { name: 'Bildschirmfreigabe starten' })).toBeVisible();
    } finally {
      await Promise.all([carolContext.close(), bobContext.close(), aliceContext.close()]);
    }
  });
});
