import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { MemorySessionStore } from '../../../../signaling/server/store/memorySessionStore';
import type { SessionRecord } from '../../../../signaling/server/store/sessionStore';

const session = (id: string): SessionRecord => ({
  id,
  agentUsername: 'alice',
  agentDisplayName: 'Alice',
  agentConnectionId: 'conn-a',
  customerConnectionId: null,
  phase: 'waiting',
  key: null,
  keyExpiresAt: null,
  createdAt: Date.now(),
});

describe('in-memory session store', () => {
  let clock: FakeTimers.Clock;
  let store: MemorySessionStore;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000 });
    store = new MemorySessionStore();
  });
  afterEach(async () => {
    await store.close();
    clock.uninstall();
  });

  it('claims a live key exactly once', async () => {
    await store.createSession(session('s1'));
    await store.issueKey('s1', '111111111', Date.now() + 300_000);
    const results = await Promise.all([store.claimKey('111111111'), store.claimKey('111111111')]);
    assert.deepEqual(results[0], { ok: true, sessionId: 's1' });
    assert.deepEqual(results[1], { ok: false, reason: 'used' });
    assert.equal((await store.getSession('s1'))?.key, null);
  });

  it('refuses a key once its time is up, and says it expired', async () => {
    await store.createSession(session('s1'));
    await store.issueKey('s1', '222222222', Date.now() + 300_000);
    clock.tick(299_999);
    assert.equal(await store.isKeyTaken('222222222'), true);
    clock.tick(1);
    assert.deepEqual(await store.claimKey('222222222'), { ok: false, reason: 'expired' });
  });

  it('marks a replaced key as replaced', async () => {
    await store.createSession(session('s1'));
    await store.issueKey('s1', '333333333', Date.now() + 300_000);
    await store.issueKey('s1', '444444444', Date.now() + 300_000);
    assert.deepEqual(await store.claimKey('333333333'), { ok: false, reason: 'replaced' });
    assert.deepEqual(await store.claimKey('444444444'), { ok: true, sessionId: 's1' });
  });

  it('forgets dead keys after an hour, so they then read as wrong', async () => {
    await store.createSession(session('s1'));
    await store.issueKey('s1', '555555555', Date.now() + 1000);
    await store.retireKey('555555555', 'expired');
    assert.deepEqual(await store.claimKey('555555555'), { ok: false, reason: 'expired' });
    clock.tick(61 * 60_000);
    assert.deepEqual(await store.claimKey('555555555'), { ok: false, reason: 'wrong' });
    assert.equal(await store.isKeyTaken('555555555'), false);
  });

  it('returns copies, so callers cannot change stored state by accident', async () => {
    await store.createSession(session('s1'));
    const copy = await store.getSession('s1');
    copy!.phase = 'sharing';
    assert.equal((await store.getSession('s1'))?.phase, 'waiting');
  });
});
