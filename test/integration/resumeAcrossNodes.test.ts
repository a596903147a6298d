import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { agentWithSession, connect, signIn, type TestClient, type TestServer } from './harness';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../../signaling/server/store/redisSessionStore';
import { useRedisServer } from './redis/redisFixture';
import { startTwoNodes } from './redis/twoNodes';

const offer = { type: 'offer', sdp: 'v=0 across-nodes' } as const;

describe('resume on another node (two nodes sharing a real redis-server)', () => {
  const redis = useRedisServer();
  let a: TestServer;
  let b: TestServer;
  const clients: TestClient[] = [];
  before(async () => {
    [a, b] = await startTwoNodes(redis.server.url);
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  /** Agent on node A, customer on node B, sharing. */
  async function sharedAcrossNodes() {
    const { agent, sessionId, key } = await agentWithSession(a.url);
    const agentToken = await agent.next('session.token');
    const customer = await connect(b.url, 'customer');
    clients.push(agent, customer);
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    const customerToken = await customer.next('session.token');
    customer.send({ type: 'consent', decision: 'accept' });
    customer.send({ type: 'share.state', state: 'sharing' });
    for (let i = 0; i < 3; i++) await agent.next('session.update');
    return { agent, customer, sessionId, agentToken, customerToken };
  }

  it('lets a customer who dropped from node B resume on node A; signaling follows the new socket', async () => {
    const { agent, customer, sessionId, customerToken } = await sharedAcrossNodes();
    customer.close();
    assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    const resumed = await connect(a.url, 'customer');
    clients.push(resumed);
    resumed.send({ type: 'session.resume', token: customerToken.token, hasPeer: true });
    assert.equal((await resumed.next('session.resumed')).phase, 'sharing');
    assert.equal((await agent.next('session.peer')).state, 'back');
    agent.send({ type: 'signal', sessionId, data: offer });
    assert.deepEqual((await resumed.next('signal')).data, offer);
  });

  it('lets an agent who dropped from node A resume on node B; the customer on B is told to start a new peer', async () => {
    const { agent, customer, sessionId, agentToken } = await sharedAcrossNodes();
    agent.close();
    assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    const resumed = await connect(b.url, 'agent', { cookie: await signIn(b.url) });
    clients.push(resumed);
    resumed.send({ type: 'session.resume', token: agentToken.token, hasPeer: false });
    const reply = await resumed.next('session.resumed');
    assert.equal(reply.peer, 'present');
    assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'back', needsNewPeer: true });
    customer.send({ type: 'signal', data: offer });
    assert.deepEqual((await resumed.next('signal')).data, offer);
  });

  it('notices on resume that the other member\'s node died without a word, and marks it away', async () => {
    const { agent, sessionId, agentToken } = await sharedAcrossNodes();
    // The customer's node "crashes": nobody ran its close handling, so the session still names a
    // connection on a node that no longer listens.
    const redisClient = new Redis(redis.server.url);
    const store = new RedisSessionStore(redisClient, { prefix: 'screenshare:' });
    await store.updateSession(sessionId, { customerConnectionId: 'crashed-node:7f3c' });
    redisClient.disconnect();
    agent.close();
    const resumed = await connect(b.url, 'agent', { cookie: await signIn(b.url) });
    clients.push(resumed);
    resumed.send({ type: 'session.resume', token: agentToken.token, hasPeer: true });
    const reply = await resumed.next('session.resumed');
    assert.equal(reply.sessionId, sessionId);
    assert.equal(reply.peer, 'away', 'the customer is away until it resumes, and the grace period runs here');
  });
});

describe('grace period watched by two nodes (fake clock, real redis-server)', () => {
  const redis = useRedisServer();
  let a: TestServer;
  let b: TestServer;
  let cookieA: string;
  let clock: FakeTimers.Clock | undefined;
  before(async () => {
    [a, b] = await startTwoNodes(redis.server.url, { RESUME_GRACE_SECONDS: '30' });
    cookieA = await signIn(a.url);
    clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
  });
  after(async () => {
    clock?.uninstall();
    await a?.close();
    await b?.close();
  });

  it('ends the session exactly once, although both nodes run a timer for the customer who left', async () => {
    if (!clock) throw new Error('no clock');
    const { agent, sessionId, key } = await agentWithSession(a.url, cookieA);
    const agentToken = await agent.next('session.token');
    const customer = await connect(b.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    customer.close(); // node B starts the customer's grace timer
    await agent.next('session.peer');
    agent.close();
    const again = await connect(a.url, 'agent', { cookie: cookieA });
    again.send({ type: 'session.resume', token: agentToken.token, hasPeer: false });
    assert.equal((await again.next('session.resumed')).peer, 'away'); // node A watches the customer too
    await clock.tickAsync(31_000);
    assert.deepEqual(await again.next('session.ended'), { type: 'session.ended', sessionId, by: 'server', reason: 'connection-lost' });
    assert.equal(await again.receives('session.ended', 300), false, 'told once');
    again.close();
  });
});

describe('a node of a cluster shut down on purpose (rolling restart)', () => {
  const redis = useRedisServer();

  it('hands its sessions over: its clients are told to reconnect (1012) and resume on the other node', async () => {
    await redis.flush();
    const [a, b] = await startTwoNodes(redis.server.url);
    let aClosed = false;
    try {
      const { agent, sessionId, key } = await agentWithSession(b.url);
      await agent.next('session.token');
      const customer = await connect(a.url, 'customer');
      customer.send({ type: 'key.claim', key });
      await customer.next('key.accepted');
      const customerToken = await customer.next('session.token');
      customer.send({ type: 'consent', decision: 'accept' });
      customer.send({ type: 'share.state', state: 'sharing' });
      for (let i = 0; i < 3; i++) await agent.next('session.update');

      await a.close();
      aClosed = true;
      assert.equal((await customer.closed).code, 1012, 'service restart, not "server shutting down"');
      assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });

      const resumed = await connect(b.url, 'customer');
      resumed.send({ type: 'session.resume', token: customerToken.token, hasPeer: true });
      assert.equal((await resumed.next('session.resumed')).phase, 'sharing');
      assert.equal((await agent.next('session.peer')).state, 'back');
      resumed.send({ type: 'signal', data: offer });
      assert.deepEqual((await agent.next('signal')).data, offer);
      for (const client of [agent, resumed]) client.close();
    } finally {
      if (!aClosed) await a.close();
      await b.close();
    }
  });
});
