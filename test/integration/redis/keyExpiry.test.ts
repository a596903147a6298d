import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { Redis } from 'ioredis';
import { RedisSessionStore } from '../../../signaling/server/store/redisSessionStore';
import { agentWithSession, connect, type TestServer } from '../harness';
import { useRedisServer } from './redisFixture';
import { startTwoNodes } from './twoNodes';

/**
 * The expiry timer of a key runs on the agent's node; a customer may claim the key through
 * another node, whose claim cannot cancel that timer.
 */
describe('key expiry with two nodes (fake clock)', () => {
  const redis = useRedisServer();
  let a: TestServer;
  let b: TestServer;
  let clock: FakeTimers.Clock | undefined;
  before(async () => {
    [a, b] = await startTwoNodes(redis.server.url, { KEY_TTL_SECONDS: '300' });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(() => {
    clock?.uninstall();
    clock = undefined;
  });

  const fakeClock = () =>
    FakeTimers.install({
      toFake: ['Date', 'setTimeout', 'clearTimeout'],
      shouldAdvanceTime: true,
      shouldClearNativeTimers: true,
    });

  it('tells the agent on A that an unused key expired, and a customer on B hears "expired"', async () => {
    const { agent, sessionId } = await agentWithSession(a.url);
    clock = fakeClock();
    agent.send({ type: 'session.renewKey', sessionId }); // so the expiry timer runs on the fake clock
    const { key } = await agent.next('session.key');
    await clock.tickAsync(301_000);
    assert.equal((await agent.next('session.update')).phase, 'key-expired');
    const customer = await connect(b.url, 'customer');
    customer.send({ type: 'key.claim', key });
    assert.equal((await customer.next('error')).code, 'key-expired');
    agent.close();
    customer.close();
  });

  it('does not tell the agent "expired" when the key was claimed through another node just before', async () => {
    const { agent, sessionId } = await agentWithSession(a.url);
    clock = fakeClock();
    agent.send({ type: 'session.renewKey', sessionId });
    const { key } = await agent.next('session.key');
    // Node B's claim has won in Redis, but B has not yet stored "key-entered" when A's timer fires.
    const client = new Redis(redis.server.url);
    try {
      const nodeB = new RedisSessionStore(client);
      await clock.tickAsync(299_000);
      assert.deepEqual(await nodeB.claimKey(key), { ok: true, sessionId });
      await clock.tickAsync(2_000);
      assert.equal(await agent.receives('session.update', 300), false, 'no "key-expired" for a claimed key');
      assert.equal((await nodeB.getSession(sessionId))?.phase, 'waiting', 'the phase was not set to key-expired');
    } finally {
      client.disconnect();
      agent.close();
    }
  });
});
