import { strict as assert } from 'node:assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RevocationReason } from '../../../signaling/protocol';
import { AccountChanges } from '../../../signaling/server/accounts/accountChanges';
import { writeAccounts } from '../../../signaling/server/accounts/accountFile';
import { AccountStore } from '../../../signaling/server/accounts/accountStore';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import { sharedTestDatabase } from '../../support/sharedTestDatabase';
import { hashPassword } from '../../../signaling/server/accounts/passwords';
import { connect, open, signIn, type TestClient, type TestServer } from '../harness';
import { useRedisServer } from '../redis/redisFixture';
import { startTwoNodes } from '../redis/twoNodes';

/**
 * An agent whose access ended must lose it at once, on every node: sign-out, the sign-in expiring,
 * a changed password, a removed or disabled account. Two nodes share a real Redis; the console's
 * shares run on both, each with a customer on the other node. Account changes are made in the
 * database as `npm run agents` makes them; every wait is for an event (the accounts table is read
 * about once a second, so those waits allow several seconds).
 */
describe('attack: access that should have ended (two nodes, real Redis)', function () {
  this.timeout(60_000);
  const redis = useRedisServer();
  let nodes: TestServer[] = [];
  const clients: TestClient[] = [];
  let agentsFile: string;

  const bob = (password: string) => ({
    username: 'bob',
    displayName: 'Bob Berg',
    createdAt: new Date().toISOString(),
    passwordHash: password,
  });
  const writeBob = async (password: string) => writeAccounts(agentsFile, [bob(await hashPassword(password))]);
  /** What `npm run agents -- passwd|disable|remove bob` does, on the database both nodes use. */
  const changeBob = (node: TestServer) =>
    new AccountChanges(new AuditLog(node.server.database.db, { nodeId: 'cli', addressPolicy: 'truncated' }));

  beforeEach(async () => {
    await redis.flush();
    // The servers share one test database: bob starts over, from the agents file below.
    await new AccountStore((await sharedTestDatabase()).db).remove('bob');
    agentsFile = path.join(await mkdtemp(path.join(tmpdir(), 'revocation-')), 'agents.json');
    await writeBob('old-password-1');
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const node of nodes.splice(0)) await node.close();
  });

  const start = async (env: Record<string, string> = {}) => (nodes = await startTwoNodes(redis.server.url, { AGENTS_FILE: agentsFile, ...env }));
  const login = (node: TestServer, password: string) =>
    fetch(`${node.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password }),
    }).then((response) => response.status);
  const me = (node: TestServer, cookie: string) => fetch(`${node.url}/api/agent/me`, { headers: { cookie } }).then((r) => r.status);

  /** Bob's console on `agentNode` with a running share whose customer is on `customerNode`. */
  async function share(agentNode: TestServer, customerNode: TestServer, cookie: string) {
    const agent = await connect(agentNode.url, 'agent', { cookie });
    clients.push(agent);
    agent.send({ type: 'session.create', ref: 'r1' });
    const { key } = await agent.next('session.key');
    const customer = await connect(customerNode.url, 'customer');
    clients.push(customer);
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    return { agent, customer };
  }

  /** The console is told why, its socket closes with 4401, and the customer reads why the share ended. */
  async function accessEnded(
    shareOn: { agent: TestClient; customer: TestClient },
    reason: RevocationReason,
    customerReason: 'signed-out' | 'access-revoked',
  ) {
    assert.equal((await shareOn.agent.next('access.revoked', 15_000)).reason, reason);
    assert.equal((await shareOn.agent.closed).code, 4401);
    const ended = await shareOn.customer.next('session.ended', 5_000);
    assert.equal(ended.reason, customerReason);
  }

  it('sign-out on node A closes that sign-in\'s consoles on both nodes and ends their shares; another sign-in stays', async () => {
    const [a, b] = await start();
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    const otherDevice = await signIn(b.url, 'bob', 'old-password-1');
    const onA = await share(a, b, cookie);
    const onB = await share(b, a, cookie);
    const elsewhere = await connect(b.url, 'agent', { cookie: otherDevice });
    clients.push(elsewhere);

    const out = await fetch(`${a.url}/api/agent/logout`, { method: 'POST', headers: { cookie } });
    assert.equal(out.status, 204);

    await accessEnded(onA, 'signed-out', 'signed-out');
    await accessEnded(onB, 'signed-out', 'signed-out');
    assert.equal(await elsewhere.receives('access.revoked', 300), false, 'the sign-in on another device is not touched');
    assert.equal(await me(b, otherDevice), 200);
    await assert.rejects(open(b.url, 'agent', { cookie }), /HTTP 401/);
  });

  it('a changed password ends every sign-in on both nodes; the old password no longer signs in, the new one does', async () => {
    const [a, b] = await start();
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    const onA = await share(a, b, cookie);
    const onB = await share(b, a, cookie);

    await changeBob(a).edit('bob', { kind: 'password', passwordHash: await hashPassword('new-password-2') });

    await accessEnded(onA, 'password-changed', 'access-revoked');
    await accessEnded(onB, 'password-changed', 'access-revoked');
    assert.equal(await me(a, cookie), 401);
    assert.equal(await me(b, cookie), 401);
    assert.equal(await login(b, 'old-password-1'), 401);
    assert.equal(await login(a, 'new-password-2'), 200);
  });

  it('a removed account loses its consoles and sign-ins on both nodes and cannot sign in again', async () => {
    const [a, b] = await start();
    const cookie = await signIn(b.url, 'bob', 'old-password-1');
    const onA = await share(a, b, cookie);
    const onB = await share(b, a, cookie);

    await changeBob(a).remove('bob');

    await accessEnded(onA, 'account-removed', 'access-revoked');
    await accessEnded(onB, 'account-removed', 'access-revoked');
    await assert.rejects(open(a.url, 'agent', { cookie }), /HTTP 401/);
    assert.equal(await login(a, 'old-password-1'), 401);
  });

  it('a disabled account loses its consoles and sign-ins on both nodes and cannot sign in', async () => {
    const [a, b] = await start();
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    const onA = await share(a, b, cookie);
    const onB = await share(b, a, cookie);

    await changeBob(b).edit('bob', { kind: 'disabled', disabled: true });

    await accessEnded(onA, 'account-disabled', 'access-revoked');
    await accessEnded(onB, 'account-disabled', 'access-revoked');
    assert.equal(await me(a, cookie), 401);
    assert.equal(await login(b, 'old-password-1'), 401);
  });

  it('an account disabled through the revocation hook on node A loses its console on node B at once', async () => {
    const [a, b] = await start();
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    const onB = await share(b, a, cookie);

    await a.server.accessRevocation.revoke('bob', 'account-disabled');

    await accessEnded(onB, 'account-disabled', 'access-revoked');
    assert.equal(await me(b, cookie), 401);
  });

  it('a sign-in that expires closes its console and ends its share', async () => {
    const [a, b] = await start({ AGENT_SESSION_HOURS: '0.001' }); // 3.6 s
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    const onB = await share(b, a, cookie);
    await accessEnded(onB, 'sign-in-expired', 'access-revoked');
    assert.equal(await me(a, cookie), 401);
  });

  it('a sign-in made before a password change is refused by nodes started after it (Redis kept the sign-in)', async () => {
    const [a] = await start();
    const cookie = await signIn(a.url, 'bob', 'old-password-1');
    for (const node of nodes.splice(0)) await node.close();
    await writeBob('new-password-2');

    const [c] = await start();
    assert.equal(await me(c, cookie), 401);
    await assert.rejects(open(c.url, 'agent', { cookie }), /HTTP 401/);
  });
});
