import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { MemoryAgentSessions } from '../../../../signaling/server/auth/memoryAgentSessions';

const alice = { username: 'alice', displayName: 'Alice' };
const HOUR = 3_600_000;

describe('agent sign-ins (in memory)', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  it('knows the agent behind a fresh cookie until the sign-in lifetime passes', async () => {
    const sessions = new MemoryAgentSessions(2 * HOUR);
    const { token, maxAgeSeconds } = await sessions.create(alice, 'stamp');
    assert.equal(maxAgeSeconds, 7200, 'the cookie expires with the sign-in');
    assert.ok(token.length >= 43, 'a 256-bit random token');
    assert.deepEqual((await sessions.find(token))?.agent, alice);
    clock.tick(2 * HOUR - 1);
    assert.deepEqual((await sessions.find(token))?.agent, alice);
    clock.tick(1);
    assert.equal(await sessions.find(token), undefined);
  });

  it('forgets a sign-in on sign-out, and knows no made-up or missing token', async () => {
    const sessions = new MemoryAgentSessions(HOUR);
    const first = await sessions.create(alice, 'stamp');
    const second = await sessions.create(alice, 'stamp');
    assert.notEqual(first.token, second.token);
    await sessions.destroy(first.token);
    assert.equal(await sessions.find(first.token), undefined);
    assert.deepEqual((await sessions.find(second.token))?.agent, alice, 'another sign-in of the same agent stays');
    assert.equal(await sessions.find(undefined), undefined);
    assert.equal(await sessions.find(`${second.token}x`), undefined);
  });

  it('ends every sign-in of one agent at once, and only theirs', async () => {
    const sessions = new MemoryAgentSessions(HOUR);
    const first = await sessions.create(alice, 'stamp');
    const second = await sessions.create({ ...alice, username: 'ALICE' }, 'stamp');
    const bob = await sessions.create({ username: 'bob', displayName: 'Bob' }, 'stamp');
    await sessions.destroyAllOf('alice');
    assert.equal(await sessions.find(first.token), undefined);
    assert.equal(await sessions.find(second.token), undefined);
    assert.equal((await sessions.find(bob.token))?.agent.username, 'bob');
  });
});
