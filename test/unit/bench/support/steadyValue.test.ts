import assert from 'node:assert/strict';
import FakeTimers from '@sinonjs/fake-timers';
import { waitUntilSteady } from '../../../../bench/support/steadyValue';

describe('bench: waiting for a value to settle instead of a fixed wait', () => {
  let clock: FakeTimers.Clock;
  beforeEach(() => (clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout'] })));
  afterEach(() => clock.uninstall());

  const options = { intervalMs: 250, steadyMs: 1_000, tolerance: 0.1, maxMs: 3_000 };

  /** Sample values in turn; the last one repeats. */
  const samples = (values: number[]) => {
    let next = 0;
    return async () => values[Math.min(next++, values.length - 1)] ?? Number.NaN;
  };

  it('returns once the value stayed within 10 % for the steady time, not after the longest wait', async () => {
    const waiting = waitUntilSteady(samples([300, 600, 900, 1_000, 1_050, 1_020, 1_040, 1_030]), options);
    await clock.runAllAsync();
    // Steady over samples 3..7 (1,000–1,050): the 8th sample, 7 intervals in.
    assert.deepEqual(await waiting, { waitedMs: 1_750, steady: true });
  });

  it('gives up after the longest wait while the value keeps climbing', async () => {
    let value = 100;
    const waiting = waitUntilSteady(async () => (value *= 1.3), options);
    await clock.runAllAsync();
    assert.deepEqual(await waiting, { waitedMs: 3_000, steady: false });
  });

  it('never counts a value not reported yet as steady', async () => {
    const waiting = waitUntilSteady(samples([Number.NaN]), options);
    await clock.runAllAsync();
    assert.equal((await waiting).steady, false);
  });

  it('waits at least the steady time even when the value never moves', async () => {
    const waiting = waitUntilSteady(samples([500]), options);
    await clock.runAllAsync();
    assert.deepEqual(await waiting, { waitedMs: 1_000, steady: true });
  });
});
