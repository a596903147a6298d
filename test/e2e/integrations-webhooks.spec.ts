import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { copyPGliteTemplate } from '../support/pgliteTemplate';
import { operatorCommand } from '../support/operatorCommand';
import { startServer, type RunningServer } from '../support/server';
import { WebhookReceiver, type ReceivedWebhook } from '../support/webhookReceiver';
import { expect, test } from './fixtures';
import { AgentConsole, AgentSession } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';

/**
 * Issue 14, end to end: a CRM script with an API token starts a share for an agent, the customer
 * joins with the key in a real browser, and the CRM's receiver gets signed webhooks for what
 * happened, even when it was down for a while or the server was killed in the middle of a delivery.
 */
const EVENTS = 'consent.given,share.started,share.ended';
/** A busy CI machine may take a while to start a server on a copied database. */
const START_TIMEOUT_MS = 60_000;

interface CreatedSession {
  sessionId: string;
  key: string;
  consoleUrl: string;
}

class Crm {
  constructor(
    private readonly server: RunningServer,
    private readonly token: string,
  ) {}

  async createSession(conversationId: string): Promise<CreatedSession> {
    const response = await fetch(`${this.server.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agent: 'alice', conversationId }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as CreatedSession;
  }
}

/** The agent opens the CRM's console link; the customer types the key, consents and shares. */
async function shareThroughTheLink(
  server: RunningServer,
  created: CreatedSession,
  agentContext: BrowserContext,
  customerContext: BrowserContext,
): Promise<{ session: AgentSession; customer: CustomerPage }> {
  const signedIn = await AgentConsole.signIn(agentContext, server.agentUrl);
  const { displayName } = await signedIn.identity();
  const page = await agentContext.newPage();
  await page.goto(created.consoleUrl);
  await signedIn.page.close();
  const session = new AgentSession(page.getByRole('region', { name: /^Screen share/ }));
  await expect(session.keyElement).toHaveText(created.key.replace(/(\d{3})(?=\d)/g, '$1 '));

  const customer = await CustomerPage.open(customerContext, server.customerUrl);
  await customer.enterKey(created.key);
  await customer.shareButton.click();
  await expect(customer.sharingBar(displayName)).toBeVisible({ timeout: 30_000 });
  await expect(session.status).toHaveText("Sharing: you can see the customer's screen");
  return { session, customer };
}

const ofSession = (received: readonly ReceivedWebhook[], sessionId: string) => received.filter((r) => r.sessionId === sessionId).map((r) => r.type);

test.describe('integrations: REST API session → customer shares → signed webhooks', () => {
  let dataDir: string;
  let receiver: WebhookReceiver;
  let crm: Crm;
  let serverEnv: Record<string, string>;
  const servers: RunningServer[] = [];
  // Two shares, a receiver outage or a server restart with a lease to run out: more than the usual test.
  test.describe.configure({ timeout: 240_000 });

  test.beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'screenshare-integrations-'));
    const databaseDir = path.join(dataDir, 'database');
    await copyPGliteTemplate(databaseDir);
    receiver = new WebhookReceiver();
    const hookUrl = await receiver.start();
    // The operator's setup, before the server holds the (single-process) database.
    const operatorEnv = { DATABASE_DIR: databaseDir, WEBHOOK_ALLOW_PRIVATE: 'true' };
    const token = await operatorCommand('tokens', ['create', '--name', 'crm', '--scopes', 'sessions:write,sessions:read'], operatorEnv);
    expect(token).toMatch(/^\S+$/);
    const secret = await operatorCommand('webhooks', ['add', hookUrl, '--events', EVENTS], operatorEnv);
    expect(secret).toMatch(/^whsec_/);
    receiver.trust(secret);
    serverEnv = { ...operatorEnv, WEBHOOK_TIMEOUT_SECONDS: '2', WEBHOOK_RETRY_BASE_SECONDS: '0.2' };
    const server = await startServer(serverEnv, START_TIMEOUT_MS);
    servers.push(server);
    crm = new Crm(server, token);
  });

  test.afterEach(async ({}, testInfo) => {
    for (const server of servers.splice(0)) {
      await server.stop();
      await testInfo.attach(`server-output-${servers.length}.txt`, { body: server.output(), contentType: 'text/plain' });
    }
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  test('the receiver gets consent.given, share.started and share.ended, verified; after being down it gets every missed event in order', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    const server = servers[0] as RunningServer;
    const first = await crm.createSession('call-4711');
    const { session } = await shareThroughTheLink(server, first, await agentContext(), await fakeCustomerContext());
    await session.endSession();
    const got = await receiver.waitFor(3);
    expect(ofSession(got, first.sessionId)).toEqual(['consent.given', 'share.started', 'share.ended']);
    expect(receiver.rejected, 'every delivery verifies with standardwebhooks').toEqual([]);
    const consent = got.find((r) => r.type === 'consent.given')?.body.data as { conversationId: string; receipt: string };
    expect(consent.conversationId, 'the CRM can link the share to its call').toBe('call-4711');
    expect(consent.receipt).toMatch(/\S/);

    // The CRM's receiver goes down; a second share runs meanwhile.
    receiver.failWith = 503;
    const second = await crm.createSession('call-4712');
    const again = await shareThroughTheLink(server, second, await agentContext(), await fakeCustomerContext());
    await again.customer.stopButton.click();
    await receiver.waitForArrivals(5);
    receiver.failWith = null;
    const all = await receiver.waitFor(6, 60_000);
    expect(ofSession(all, second.sessionId), 'every missed event, in order').toEqual(['consent.given', 'share.started', 'share.ended']);
    expect(receiver.rejected).toEqual([]);
  });

  test('the server is killed mid-delivery: after the restart the same message (same webhook-id) arrives, and nothing is lost', async ({
    agentContext,
    fakeCustomerContext,
  }) => {
    const server = servers[0] as RunningServer;
    const created = await crm.createSession('call-4713');
    // The receiver takes requests but never answers: the first delivery is in flight when the server dies.
    receiver.hang = true;
    await shareThroughTheLink(server, created, await agentContext(), await fakeCustomerContext());
    const [inFlight] = await receiver.waitForArrivals(1);
    await server.crash();

    receiver.hang = false;
    const restarted = await startServer(serverEnv, START_TIMEOUT_MS);
    servers.push(restarted);
    const got = await receiver.waitFor(3, 60_000);
    expect(ofSession(got, created.sessionId), 'consent, start, and the end the restart recorded').toEqual(['consent.given', 'share.started', 'share.ended']);
    expect(got[0]?.id, 'the repeated delivery carries the webhook-id of the interrupted one').toBe(inFlight);
    expect((got[2]?.body.data as { details: { reason: string } }).details.reason).toBe('server-lost');
    expect(receiver.rejected).toEqual([]);
  });
});
