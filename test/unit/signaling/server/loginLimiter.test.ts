import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { LoginLimiter, type SignInVerdict } from '../../../../signaling/server/limits/loginLimiter';

const MINUTE = 60_000;
const limits = { perIp: 3, perUsername: 4, maxLockMs: 60 * MINUTE, concurrentPerIp: 100 };

/** One attempt, settled at once as a failure (or a success); answers the wait when refused. */
async function attempt(limiter: LoginLimiter, ip: string, user: string | undefined, success = false): Promise<number> {
  const verdict = await limiter.begin(ip, user);
  if (!verdict.allowed) return verdict.retryAfterMs;
  await verdict.attempt.settle(success);
  return 0;
}

describe('login limiter', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  it('locks an address out after its failures for the rest of the 15-minute window', async () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 3; i++) assert.equal(await attempt(limiter, '1.1.1.1', `user${i}`), 0);
    const wait = await attempt(limiter, '1.1.1.1', 'other');
    assert.ok(wait > 14 * MINUTE && wait <= 15 * MINUTE, `waits ${wait} ms`);
    assert.equal(await attempt(limiter, '2.2.2.2', 'other'), 0, 'other addresses are unaffected');
    clock.tick(15 * MINUTE);
    assert.equal(await attempt(limiter, '1.1.1.1', 'other'), 0);
  });

  it('counts an attempt before its password is checked, so a parallel burst gets exactly the limit', async () => {
    const limiter = new LoginLimiter(limits);
    const verdicts = await Promise.all(Array.from({ length: 60 }, () => limiter.begin('1.1.1.1', undefined)));
    assert.equal(verdicts.filter((v) => v.allowed).length, 3);
  });

  it('gives a successful attempt back', async () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 20; i++) assert.equal(await attempt(limiter, '1.1.1.1', 'alice', true), 0);
  });

  it('runs at most concurrentPerIp password checks of one address at once, uncounted beyond', async () => {
    const limiter = new LoginLimiter({ ...limits, concurrentPerIp: 2 });
    const first = await limiter.begin('1.1.1.1', 'a');
    const second = await limiter.begin('1.1.1.1', 'b');
    const third = await limiter.begin('1.1.1.1', 'c');
    assert.ok(first.allowed && second.allowed && !third.allowed);
    assert.equal((await limiter.begin('2.2.2.2', 'd')).allowed, true, 'another address is not held up');
    await first.attempt.settle(false);
    const fourth: SignInVerdict = await limiter.begin('1.1.1.1', 'c');
    assert.ok(fourth.allowed, 'a place is free once a check finished');
  });

  it('locks a username guessed from many addresses, doubling the lock each time up to the maximum', async () => {
    const limiter = new LoginLimiter(limits);
    let address = 0;
    const fromNewAddress = (user = 'Alice') => attempt(limiter, `10.0.0.${address++}`, user);
    const expectedLocks = [15, 30, 60, 60].map((minutes) => minutes * MINUTE);
    for (const lockMs of expectedLocks) {
      for (let i = 0; i < 4; i++) assert.equal(await fromNewAddress(), 0, `attempt ${i + 1} is checked`);
      const wait = await fromNewAddress('alice');
      assert.ok(wait > lockMs - MINUTE && wait <= lockMs, `locked for ${wait} ms, expected ${lockMs}`);
      assert.equal(await fromNewAddress('bob'), 0, 'other usernames are unaffected');
      clock.tick(lockMs - 1);
      assert.ok((await fromNewAddress()) > 0, 'still locked just before the lock ends');
      clock.tick(1);
    }
  });

  it('lifts the lock when the attempt that set it had the right password', async () => {
    const limiter = new LoginLimiter(limits);
    for (let i = 0; i < 3; i++) await attempt(limiter, `10.0.0.${i}`, 'alice');
    assert.equal(await attempt(limiter, '10.0.0.9', 'alice', true), 0);
    assert.equal(await attempt(limiter, '10.0.0.10', 'alice', true), 0);
  });
});
