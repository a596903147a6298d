import { strict as assert } from 'node:assert';
import { agentWithSession, connect, keyFromPayload, type TestServer } from '../harness';
import { useRedisServer } from './redisFixture';
import { startTwoNodes } from './twoNodes';

const unusedKey = (n: number) => keyFromPayload(String(n).padStart(8, '0'));

describe('key-attempt limits shared by two nodes through Redis', () => {
  const redis = useRedisServer();
  let nodes: TestServer[] = [];
  beforeEach(() => redis.flush());
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
  });

  it('locks an address out on node B after its failures on node A; other addresses still get in', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url, { KEY_ATTEMPTS_PER_IP: '3', TRUST_PROXY: 'true' }));
    const { agent, key } = await agentWithSession(b.url);
    const guesserOnA = await connect(a.url, 'customer', { forwardedFor: '203.0.113.9' });
    for (let i = 0; i < 3; i++) {
      guesserOnA.send({ type: 'key.claim', key: unusedKey(40000000 + i) });
      assert.equal((await guesserOnA.next('error')).code, 'key-wrong');
    }
    const guesserOnB = await connect(b.url, 'customer', { forwardedFor: '203.0.113.9' });
    guesserOnB.send({ type: 'key.claim', key });
    const locked = await guesserOnB.next('error');
    assert.equal(locked.code, 'too-many-attempts', 'even the right key is refused on B while locked out');
    assert.ok((locked.retryAfterMs ?? 0) > 60_000, `retry after ${locked.retryAfterMs} ms`);

    const customer = await connect(b.url, 'customer', { forwardedFor: '198.51.100.20' });
    customer.send({ type: 'key.claim', key });
    assert.equal((await customer.next('key.accepted')).agent.displayName, 'Alice');
    for (const client of [agent, guesserOnA, guesserOnB, customer]) client.close();
  });

  it('does not count successful attempts on either node', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url, { KEY_ATTEMPTS_PER_IP: '2' }));
    for (let i = 0; i < 4; i++) {
      const { agent, key } = await agentWithSession(a.url);
      const customer = await connect(i % 2 ? a.url : b.url, 'customer');
      customer.send({ type: 'key.claim', key });
      assert.equal((await customer.next('key.accepted')).agent.displayName, 'Alice', `attempt ${i + 1}`);
      agent.close();
      customer.close();
    }
  });

  it('locks key entry on every node after KEY_ATTEMPTS_GLOBAL failures spread over both', async () => {
    const [a, b] = (nodes = await startTwoNodes(redis.server.url, {
      KEY_ATTEMPTS_PER_IP: '100',
      KEY_ATTEMPTS_GLOBAL: '4',
      TRUST_PROXY: 'true',
    }));
    for (let i = 0; i < 4; i++) {
      const guesser = await connect(i % 2 ? a.url : b.url, 'customer', { forwardedFor: `203.0.113.${i + 1}` });
      guesser.send({ type: 'key.claim', key: unusedKey(50000000 + i) });
      assert.equal((await guesser.next('error')).code, 'key-wrong');
      guesser.close();
    }
    for (const node of [a, b]) {
      const innocent = await connect(node.url, 'customer', { forwardedFor: '198.51.100.7' });
      innocent.send({ type: 'key.claim', key: unusedKey(60000000) });
      assert.equal((await innocent.next('error')).code, 'too-many-attempts');
      innocent.close();
    }
  });
});
