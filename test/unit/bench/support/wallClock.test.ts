import assert from 'node:assert/strict';
import { wallClockOffsetMs, wallClockWarning } from '../../../../bench/support/wallClock';

describe('bench: noticing a wall clock set during a run', () => {
  it('measures the wall clock against the monotonic one', () => {
    assert.equal(wallClockOffsetMs(1_000_250, 1_000_000), 250);
  });

  it('stays silent for drift within 50 ms', () => {
    assert.equal(wallClockWarning(100, 140), undefined);
    assert.equal(wallClockWarning(100, 60), undefined);
  });

  it('says how far the clock was set, forward or back', () => {
    assert.match(wallClockWarning(0, 15_000) ?? '', /set by 15\.0 s during this run/);
    assert.match(wallClockWarning(0, -2_500) ?? '', /set by -2\.5 s/);
  });
});
