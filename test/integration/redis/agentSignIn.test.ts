import { strict as assert } from 'node:assert';
import { Redis } from 'ioredis';
import { agentWithSession, connect, open, signIn, type TestServer } from '../harness';
import { useRedisServer } from './redisFixture';
import { startTwoNodes } from './twoNodes';

/**
 * Agent sign-ins live in Redis: a load balancer may send an agent's requests and its WebSocket to
 * any node (no sticky sessions), and signing out on one node signs out on all of them.
 */
describe('agent sign-ins shared by two nodes through Redis', () => {
  const redis = useRedisServer();
  let nodes: TestServer[] = [];
  beforeEach(() => redis.flush());
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
  });

  const me = (url: string, cookie: string) => fetch(`${url}/api/agent/me`, { headers: { cookie } });
  const logout = (url: string, cookie: string) => fetch(`${url}/api/agent/logout`, { method: 'POST', headers: { cookie } });
  const login = (url: string, password: string, forwardedFor: string) =>
    fetch(`${url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username: 'alice', password }),
    });

  it('signed in on node A, the agent opens the console socket on node B and starts a share a customer on A can join', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url));
    const cookie = await signIn(a.url);

    const identity = await me(b.url, cookie);
    assert.equal(identity.status, 200);
    assert.equal(((await identity.json()) as { displayName: string }).displayName, 'Alice');

    const { agent, key } = await agentWithSession(b.url, cookie);
    assert.equal(agent.welcome?.agent?.displayName, 'Alice', 'node B knows who signed in on A');
    assert.match(key, /^\d{9}$/);
    const customer = await connect(a.url, 'customer');
    customer.send({ type: 'key.claim', key });
    assert.equal((await customer.next('key.accepted')).agent.displayName, 'Alice');
    agent.close();
    customer.close();
  });

  it('signing out on node A signs the agent out on node B: B refuses the cookie for the API and the socket', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url));
    const cookie = await signIn(a.url);
    (await open(b.url, 'agent', { cookie })).close();

    assert.equal((await logout(a.url, cookie)).status, 204);

    assert.equal((await me(b.url, cookie)).status, 401);
    await assert.rejects(open(b.url, 'agent', { cookie }), /HTTP 401/);
    await assert.rejects(open(a.url, 'agent', { cookie }), /HTTP 401/);
  });

  it('keeps only a digest of the cookie in Redis, expiring with the sign-in', async () => {
    const [a] = (nodes = await startTwoNodes(redis.server.url, { AGENT_SESSION_HOURS: '2' }));
    const cookie = await signIn(a.url);
    const token = decodeURIComponent(cookie.split('=')[1] ?? '');
    assert.ok(token.length >= 32, 'the cookie carries a long random token');

    const client = new Redis(redis.server.url);
    try {
      const keys = await client.keys('screenshare:agent-signin:*');
      assert.equal(keys.length, 1);
      const [key = ''] = keys;
      assert.ok(!key.includes(token), 'the key is not the token');
      assert.ok(!(await client.get(key))?.includes(token), 'nor is the value');
      const ttlMs = await client.pttl(key);
      assert.ok(ttlMs > 2 * 3_600_000 - 60_000 && ttlMs <= 2 * 3_600_000, `expires with the sign-in (${ttlMs} ms left)`);
    } finally {
      client.disconnect();
    }
  });

  it('counts failed sign-ins from one address on both nodes together; other addresses still sign in', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url, { LOGIN_ATTEMPTS_PER_IP: '3', TRUST_PROXY: 'true' }));
    const guesser = '203.0.113.7';
    for (const node of [a, b, a]) assert.equal((await login(node.url, 'wrong-password', guesser)).status, 401);

    for (const node of [b, a]) {
      const refused = await login(node.url, 'secret-alice', guesser);
      assert.equal(refused.status, 429, 'even the right password is refused while the address is locked out');
      const body = (await refused.json()) as { code: string; retryAfterMs: number };
      assert.equal(body.code, 'too-many-attempts');
      assert.ok(body.retryAfterMs > 60_000, `retry after ${body.retryAfterMs} ms`);
    }

    assert.equal((await login(b.url, 'secret-alice', '198.51.100.4')).status, 200);
  });
});

describe('agent sign-ins while Redis is down', () => {
  const redis = useRedisServer();

  it('refuses the console socket and sign-in checks with 503 (sign-ins cannot be checked) and lets customers connect', async () => {
    const [a, b] = await startTwoNodes(redis.server.url);
    try {
      const cookie = await signIn(a.url);
      await redis.server.stop();
      await assert.rejects(open(b.url, 'agent', { cookie }), /HTTP 503/);
      const me = await fetch(`${b.url}/api/agent/me`, { headers: { cookie } });
      assert.equal(me.status, 503);
      assert.equal(((await me.json()) as { code: string }).code, 'unavailable');
      const customer = await connect(b.url, 'customer');
      assert.equal(customer.welcome?.role, 'customer');
      customer.close();
    } finally {
      await a.close();
      await b.close();
    }
  });
});
