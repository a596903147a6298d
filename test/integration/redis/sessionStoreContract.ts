import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import type { SessionRecord, SessionStore } from '../../../signaling/server/store/sessionStore';

export const sessionRecord = (id: string, change: Partial<SessionRecord> = {}): SessionRecord => ({
  id,
  agentUsername: 'alice',
  agentDisplayName: 'Alice',
  agentConnectionId: 'node-a:conn-a',
  customerConnectionId: null,
  phase: 'waiting',
  key: null,
  keyExpiresAt: null,
  createdAt: Date.now(),
  ...change,
});

/**
 * What every SessionStore must do, whatever keeps the state: run against the in-memory store and
 * the Redis store alike. The clock is fake (Date and the memory store's sweeper); the Redis store
 * judges expiry by the caller's clock, so the same suite drives both.
 */
export function sessionStoreContract(makeStore: () => Promise<SessionStore>): void {
  let clock: FakeTimers.Clock;
  let store: SessionStore;
  beforeEach(async () => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setInterval', 'clearInterval'] });
    store = await makeStore();
  });
  afterEach(async () => {
    await store.close();
    clock.uninstall();
  });

  it('creates at most the given number of sessions per agent account, even in parallel; an ended one frees a place', async () => {
    const created = await Promise.all(Array.from({ length: 12 }, (_, i) => store.createSession(sessionRecord(`a${i}`), 5)));
    assert.equal(created.filter(Boolean).length, 5);
    assert.equal(await store.createSession(sessionRecord('b1', { agentUsername: 'bob' }), 5), true, 'other accounts are not affected');
    const first = created.indexOf(true);
    await store.deleteSession(`a${first}`);
    assert.equal(await store.createSession(sessionRecord('a-again'), 5), true);
    assert.equal(await store.createSession(sessionRecord('a-over'), 5), false);
    assert.equal(await store.getSession('a-over'), undefined, 'nothing stored when refused');
  });

  it('hands a live key to exactly one of many simultaneous claims; the rest hear "used"', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '111111111', Date.now() + 300_000);
    const results = await Promise.all(Array.from({ length: 25 }, () => store.claimKey('111111111')));
    assert.deepEqual(
      results.filter((result) => result.ok),
      [{ ok: true, sessionId: 's1' }],
    );
    assert.ok(results.every((result) => result.ok || result.reason === 'used'));
    const session = await store.getSession('s1');
    assert.equal(session?.key, null, 'the session no longer has an unclaimed key');
    assert.equal(session?.keyExpiresAt, null);
  });

  it('refuses a key once its time is up, and says it expired', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '222222222', Date.now() + 300_000);
    assert.equal((await store.getSession('s1'))?.key, '222222222');
    clock.tick(299_999);
    assert.equal(await store.isKeyTaken('222222222'), true);
    clock.tick(1);
    assert.deepEqual(await store.claimKey('222222222'), { ok: false, reason: 'expired' });
  });

  it('marks a replaced key as replaced, and the new key works', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '333333333', Date.now() + 300_000);
    await store.issueKey('s1', '444444444', Date.now() + 300_000);
    assert.deepEqual(await store.claimKey('333333333'), { ok: false, reason: 'replaced' });
    assert.deepEqual(await store.claimKey('444444444'), { ok: true, sessionId: 's1' });
  });

  it('remembers a retired key for an hour, then forgets it (it reads as wrong and may be issued again)', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '555555555', Date.now() + 1_000);
    assert.equal(await store.retireKey('555555555', 'expired'), true, 'a live key is retired');
    assert.equal((await store.getSession('s1'))?.key, null);
    assert.deepEqual(await store.claimKey('555555555'), { ok: false, reason: 'expired' });
    assert.equal(await store.isKeyTaken('555555555'), true);
    clock.tick(61 * 60_000);
    assert.deepEqual(await store.claimKey('555555555'), { ok: false, reason: 'wrong' });
    assert.equal(await store.isKeyTaken('555555555'), false);
  });

  it('does not rewrite why a key died: retiring a claimed key leaves it "used"', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '666666666', Date.now() + 300_000);
    assert.equal((await store.claimKey('666666666')).ok, true);
    assert.equal(await store.retireKey('666666666', 'expired'), false, 'nothing was live to retire');
    assert.deepEqual(await store.claimKey('666666666'), { ok: false, reason: 'used' });
    assert.deepEqual(await store.claimKey('666666666'), { ok: false, reason: 'used' }, 'asking again changes nothing');
  });

  it('peeks at a key without using it up: live, then expired; a dead key gives its reason, an unknown one "wrong"', async () => {
    await store.createSession(sessionRecord('s1'));
    await store.issueKey('s1', '121212121', Date.now() + 300_000);
    assert.deepEqual(await store.peekKey('121212121'), { ok: true, sessionId: 's1' });
    assert.deepEqual(await store.peekKey('121212121'), { ok: true, sessionId: 's1' }, 'a peek uses nothing up');
    assert.equal((await store.getSession('s1'))?.key, '121212121', 'the session keeps its key');
    clock.tick(300_000);
    assert.deepEqual(await store.peekKey('121212121'), { ok: false, reason: 'expired' });
    await store.issueKey('s1', '131313131', Date.now() + 300_000);
    assert.deepEqual(await store.claimKey('131313131'), { ok: true, sessionId: 's1' });
    assert.deepEqual(await store.peekKey('131313131'), { ok: false, reason: 'used' });
    assert.deepEqual(await store.peekKey('141414141'), { ok: false, reason: 'wrong' });
  });

  it('answers "wrong" for a key nobody issued, and does not issue keys to a session that is gone', async () => {
    assert.deepEqual(await store.claimKey('777777777'), { ok: false, reason: 'wrong' });
    await store.issueKey('no-such-session', '888888888', Date.now() + 300_000);
    assert.deepEqual(await store.claimKey('888888888'), { ok: false, reason: 'wrong' });
    assert.equal(await store.isKeyTaken('888888888'), false);
  });

  it('updates a session and returns the result; undefined once it is gone', async () => {
    await store.createSession(sessionRecord('s1'));
    const updated = await store.updateSession('s1', { phase: 'key-entered', customerConnectionId: 'node-b:conn-c' });
    assert.equal(updated?.phase, 'key-entered');
    assert.equal(updated?.customerConnectionId, 'node-b:conn-c');
    assert.deepEqual(await store.getSession('s1'), updated);
    assert.deepEqual(await store.deleteSession('s1'), updated);
    assert.equal(await store.getSession('s1'), undefined);
    assert.equal(await store.updateSession('s1', { phase: 'sharing' }), undefined);
    assert.equal(await store.getSession('s1'), undefined, 'an update does not bring a session back');
  });

  it('gives a deleted session to exactly one of two simultaneous deleters', async () => {
    await store.createSession(sessionRecord('s1'));
    const results = await Promise.all([store.deleteSession('s1'), store.deleteSession('s1')]);
    assert.equal(results.filter((result) => result !== undefined).length, 1);
  });

  it('returns copies, so callers cannot change stored state by accident', async () => {
    await store.createSession(sessionRecord('s1'));
    const copy = await store.getSession('s1');
    assert.ok(copy);
    copy.phase = 'sharing';
    assert.equal((await store.getSession('s1'))?.phase, 'waiting');
  });

  it('gives a resume token to exactly one of many simultaneous takers, then forgets it', async () => {
    await store.saveResumeToken('hash-1', { sessionId: 's1', role: 'customer' }, Date.now() + 60_000);
    assert.deepEqual(await store.peekResumeToken('hash-1'), { sessionId: 's1', role: 'customer' });
    assert.deepEqual(await store.peekResumeToken('hash-1'), { sessionId: 's1', role: 'customer' }, 'a peek uses nothing up');
    const results = await Promise.all(Array.from({ length: 10 }, () => store.takeResumeToken('hash-1')));
    assert.deepEqual(
      results.filter((grant) => grant !== undefined),
      [{ sessionId: 's1', role: 'customer' }],
    );
    assert.equal(await store.takeResumeToken('hash-1'), undefined);
    assert.equal(await store.takeResumeToken('never-saved'), undefined);
  });

  it('refuses a resume token after its time', async () => {
    await store.saveResumeToken('hash-2', { sessionId: 's1', role: 'agent' }, Date.now() + 60_000);
    clock.tick(60_000);
    assert.equal(await store.peekResumeToken('hash-2'), undefined);
    assert.equal(await store.takeResumeToken('hash-2'), undefined);
  });

  it('keeps who is away, and clears it', async () => {
    await store.createSession(sessionRecord('s1'));
    const away = await store.updateSession('s1', { customerAwayUntil: Date.now() + 60_000 });
    assert.equal(away?.customerAwayUntil, Date.now() + 60_000);
    const back = await store.updateSession('s1', { customerAwayUntil: null, customerConnectionId: 'node-b:conn-d' });
    assert.equal(back?.customerAwayUntil, null);
    assert.equal((await store.getSession('s1'))?.customerConnectionId, 'node-b:conn-d');
  });
}
