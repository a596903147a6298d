import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { KeyAttemptLimiter } from '../../../../signaling/server/limits/keyAttemptLimiter';

describe('key attempt limiter', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  const limits = { perIp: 3, perIpWindowMs: 900_000, global: 5, globalWindowMs: 60_000 };

  it('locks an address out after its failures and lets it back in when the window passes', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    for (let i = 0; i < 3; i++) assert.deepEqual(await limiter.reserve('1.1.1.1'), { allowed: true });
    const verdict = await limiter.reserve('1.1.1.1');
    assert.equal(verdict.allowed, false);
    assert.ok(!verdict.allowed && verdict.retryAfterMs > 800_000 && verdict.retryAfterMs <= 900_000);
    assert.deepEqual(await limiter.reserve('2.2.2.2'), { allowed: true }, 'other addresses are unaffected');
    clock.tick(900_001);
    assert.deepEqual(await limiter.reserve('1.1.1.1'), { allowed: true });
  });

  it('does not count successful attempts', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    for (let i = 0; i < 10; i++) {
      assert.deepEqual(await limiter.reserve('1.1.1.1'), { allowed: true });
      await limiter.refund('1.1.1.1');
    }
  });

  it('holds the limit under a burst of parallel attempts', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => limiter.reserve('1.1.1.1')));
    assert.equal(verdicts.filter((v) => v.allowed).length, 3);
  });

  it('locks everyone out when failures pile up across addresses', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    for (let i = 0; i < 5; i++) assert.equal((await limiter.reserve(`10.0.0.${i}`)).allowed, true);
    assert.equal((await limiter.reserve('9.9.9.9')).allowed, false);
    clock.tick(60_001);
    assert.equal((await limiter.reserve('9.9.9.9')).allowed, true);
  });
});
