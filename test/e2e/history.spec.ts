import AxeBuilder from '@axe-core/playwright';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { writeAccounts } from '../../signaling/server/accounts/accountFile';
import { hashPassword } from '../../signaling/server/accounts/passwords';
import { openDatabase } from '../../signaling/server/db/openDatabase';
import { copyPGliteTemplate } from '../support/pgliteTemplate';
import { startServer, type RunningServer } from '../support/server';
import { expect, test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { shareScreen } from './shareFlow';

/**
 * The history view: alice (DEMO_AGENT) and bob are agents, sue is a supervisor (role in the
 * accounts table, which the server's database holds before it starts).
 */
const BOB = { username: 'bob', password: 'secret-bob', displayName: 'Bob Berg', role: 'agent' } as const;
const SUE = { username: 'sue', password: 'secret-sue', displayName: 'Sue Super', role: 'supervisor' } as const;

async function serverWithSupervisor(dir: string): Promise<RunningServer> {
  const databaseDir = path.join(dir, 'database');
  await copyPGliteTemplate(databaseDir);
  const accounts = await Promise.all([BOB, SUE].map(async (account) => ({ ...account, passwordHash: await hashPassword(account.password) })));
  const database = await openDatabase({ databaseUrl: undefined, databaseDir });
  try {
    await database.db
      .insertInto('agents')
      .values(accounts.map((a) => ({ username_key: a.username, username: a.username, display_name: a.displayName, password_hash: a.passwordHash, role: a.role })))
      .execute();
  } finally {
    await database.close();
  }
  const agentsFile = path.join(dir, 'agents.json');
  await writeAccounts(agentsFile, accounts.map((a) => ({ username: a.username, displayName: a.displayName, passwordHash: a.passwordHash, createdAt: new Date().toISOString() })));
  // Generous: a loaded machine may take a while to start the server and open its database.
  return startServer({ DATABASE_DIR: databaseDir, AGENTS_FILE: agentsFile }, 60_000);
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
    server = await serverWithSupervisor(dir);
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
    const aliceContext = await newContext();
    const bobContext = await newContext();
    const sueContext = await newContext();
    try {
      // alice shares her screen with a customer and ends it; bob starts a share nobody joins and ends it.
      const alice = await AgentConsole.signIn(aliceContext, server.agentUrl);
      const customer = await CustomerPage.open(await fakeCustomerContext(), server.customerUrl);
      const shared = await shareScreen(alice, customer, 640);
      await shared.session.endSession();
      await expect(shared.session.status).toHaveText('Ended by you');
      const bob = await AgentConsole.signIn(bobContext, server.agentUrl, BOB);
      const bobsShare = await bob.startScreenShare();
      await bobsShare.endSession();
      await expect(bobsShare.status).toHaveText('Ended by you');

      // alice sees her own share, and nothing of bob's, with no agent filter.
      await openHistory(alice.page);
      await expect(alice.page.getByText('Your past screen shares, newest first.')).toBeVisible();
      const aliceRows = sessionRows(alice.page);
      await expect(aliceRows).toHaveCount(1);
      await expect(aliceRows.first()).toContainText('alice');
      await expect(aliceRows.first()).toContainText('Shared');
      await expect(alice.page.getByLabel('Agent', { exact: true })).toBeHidden();
      const receipt = (await aliceRows.first().locator('.history-receipt').innerText()).trim();
      expect(receipt).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expectNoAxeViolations(alice.page, "an agent's history");

      // …and the server refuses her bob's records however she asks.
      await openHistory(bob.page);
      await expect(sessionRows(bob.page)).toHaveCount(1);
      const bobsSessionId = await sessionRows(bob.page).first().getAttribute('data-session-id');
      await expect(sessionRows(bob.page).first()).toContainText('Not shared');
      const api = (route: string) => alice.page.request.get(new URL(route, server?.url).href);
      expect((await api('/api/agent/history?agent=bob')).status()).toBe(403);
      expect((await api(`/api/agent/history/sessions/${bobsSessionId}`)).status()).toBe(404);
      expect(await (await api(`/api/agent/history?find=${bobsSessionId}`)).json()).toMatchObject({ rows: [] });

      // sue, a supervisor, sees both, filters by agent and by receipt, opens the timeline, exports.
      const sue = await AgentConsole.signIn(sueContext, server.agentUrl, SUE);
      await openHistory(sue.page);
      await expect(sue.page.getByText("Every agent's past screen shares, newest first.")).toBeVisible();
      const rows = sessionRows(sue.page);
      await expect(rows).toHaveCount(2);
      await sue.page.getByLabel('Agent', { exact: true }).fill('bob');
      await sue.page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('bob');

      await sue.page.getByLabel('Agent', { exact: true }).fill('');
      await sue.page.getByLabel('Outcome').selectOption({ label: 'Shared' });
      await sue.page.getByLabel('Receipt or session').fill(receipt.toLowerCase());
      await sue.page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(receipt);
      await expect(rows.first()).toContainText('alice');

      await rows.first().getByRole('button', { name: 'Timeline' }).click();
      const timeline = sue.page.getByRole('region', { name: /^Timeline of session / });
      await expect(timeline).toBeVisible();
      await expect(timeline.getByRole('listitem')).toContainText(['Key issued', 'Customer agreed to share', 'Screen share started', 'Session ended']);
      await expect(timeline).toContainText(receipt);
      await expectNoAxeViolations(sue.page, "a supervisor's history with a timeline open");

      const [download] = await Promise.all([sue.page.waitForEvent('download'), sue.page.getByRole('link', { name: 'Export CSV' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^screen-share-history-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
      expect(csv[0]).toBe('started_at,agent,session_id,customer,outcome,shared_seconds,receipt');
      expect(csv).toHaveLength(2);
      expect(csv[1]).toMatch(new RegExp(`,alice,[^,]+,[^,]*,shared,\\d+,${receipt}$`));

      await timeline.getByRole('button', { name: 'Close timeline' }).click();
      await expect(timeline).toBeHidden();
      await expect(rows.first().getByRole('button', { name: 'Timeline' })).toBeFocused();

      // In German, and back to the console with its button.
      await sue.page.getByRole('button', { name: 'DE' }).click();
      await expect(sue.page.getByRole('heading', { level: 1, name: 'Verlauf' })).toBeVisible();
      await expect(sessionRows(sue.page, 'Sitzungen zur Bildschirmfreigabe').first()).toContainText('Freigegeben');
      await expectNoAxeViolations(sue.page, 'the history in German');
      await sue.page.getByRole('button', { name: 'Zurück zur Konsole' }).click();
      await expect(sue.page.getByRole('button', { name: 'Bildschirmfreigabe starten' })).toBeVisible();
    } finally {
      await Promise.all([aliceContext.close(), bobContext.close(), sueContext.close()]);
    }
  });
});
