import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { KeyAttemptLimiter } from '../../../signaling/server/limits/keyAttemptLimiter';

describe('key attempt limiter', () => {
  let clock: FakeTimers.InstalledClock;
  beforeEach(() => {
    clock = FakeTimers.install({ now: 1_700_000_000_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.uninstall());

  const limits = { perIp: 3, perIpWindowMs: 900_000, global: 5, globalWindowMs: 60_000 };

  it('locks an address out after its failures and lets it back in when the window passes', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    for (let i = 0; i < 3; i++) {
      assert.deepEqual(await limiter.check('1.1.1.1'), { allowed: true });
      await limiter.recordFailure('1.1.1.1');
    }
    const verdict = await limiter.check('1.1.1.1');
    assert.equal(verdict.allowed, false);
    assert.ok(!verdict.allowed && verdict.retryAfterMs > 800_000 && verdict.retryAfterMs <= 900_000);
    assert.deepEqual(await limiter.check('2.2.2.2'), { allowed: true }, 'other addresses are unaffected');
    clock.tick(900_001);
    assert.deepEqual(await limiter.check('1.1.1.1'), { allowed: true });
  });

  it('locks everyone out when failures pile up across addresses', async () => {
    const limiter = new KeyAttemptLimiter(limits);
    for (let i = 0; i < 5; i++) await limiter.recordFailure(`10.0.0.${i}`);
    assert.equal((await limiter.check('9.9.9.9')).allowed, false);
    clock.tick(60_001);
    assert.equal((await limiter.check('9.9.9.9')).allowed, true);
  });
});
