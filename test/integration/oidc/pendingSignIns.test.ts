import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { Redis } from 'ioredis';
import { MemoryPendingSignIns } from '../../../signaling/server/auth/oidc/memoryPendingSignIns';
import { PENDING_LIFETIME_MS, type PendingSignIns } from '../../../signaling/server/auth/oidc/pendingSignIns';
import { RedisPendingSignIns } from '../../../signaling/server/auth/oidc/redisPendingSignIns';
import { useRedisServer } from '../redis/redisFixture';

const PENDING = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'v'.repeat(43) };

/** State, nonce and PKCE verifier of a sign-in at the provider: bound to the browser's id, used once, short-lived. */
function pendingContract(make: () => PendingSignIns): void {
  it('gives the pending sign-in back once, to its id only', async () => {
    const pending = make();
    const id = await pending.put(PENDING);
    const other = await pending.put({ ...PENDING, state: 'state-2' });
    assert.equal(await pending.take('made-up-id'), undefined);
    assert.equal(await pending.take(undefined), undefined);
    assert.deepEqual(await pending.take(id), PENDING);
    assert.equal(await pending.take(id), undefined, 'a second callback with the same cookie finds nothing');
    assert.equal((await pending.take(other))?.state, 'state-2');
  });
}

describe('pending sign-ins at the identity provider (in memory)', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date'] });
  });
  afterEach(() => clock.uninstall());

  pendingContract(() => new MemoryPendingSignIns());

  it('forgets a pending sign-in after its lifetime', async () => {
    const pending = new MemoryPendingSignIns();
    const late = await pending.put(PENDING);
    const onTime = await pending.put(PENDING);
    clock.tick(PENDING_LIFETIME_MS - 1);
    assert.deepEqual(await pending.take(onTime), PENDING);
    clock.tick(1);
    assert.equal(await pending.take(late), undefined);
  });
});

describe('pending sign-ins at the identity provider (Redis)', () => {
  const redis = useRedisServer();
  let client: Redis | undefined;
  beforeEach(() => redis.flush());
  afterEach(() => client?.disconnect());

  pendingContract(() => {
    client = new Redis(redis.server.url);
    return new RedisPendingSignIns(client, 'test:');
  });

  it('lets Redis expire a pending sign-in, and keeps only a digest of its id', async () => {
    client = new Redis(redis.server.url);
    // Long enough that the key is still there to be read on a busy machine (50 ms was not).
    const id = await new RedisPendingSignIns(client, 'test:', 60_000).put(PENDING);
    const keys = await client.keys('test:oidc-pending:*');
    assert.equal(keys.length, 1);
    assert.ok(!keys[0]?.includes(id));
    const ttl = await client.pttl(keys[0] ?? '');
    assert.ok(ttl > 0 && ttl <= 60_000, `ttl ${ttl}`);
  });
});
