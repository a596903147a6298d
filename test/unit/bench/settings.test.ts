import assert from 'node:assert/strict';
import { settingsFrom } from '../../../bench/settings';

describe('bench: what a run measures', () => {
  it('--quick keeps every section and a 1 Mbit/s uplink, with fewer and shorter runs', () => {
    const quick = settingsFrom(['--quick']);
    const full = settingsFrom([]);
    assert.deepEqual([...quick.sections], [...full.sections]);
    assert.deepEqual(quick.uplink.ratesBitsPerSecond, [1_000_000]);
    assert.equal(quick.uplink.sharpText, false);
    assert.ok(quick.joinRuns < full.joinRuns);
    assert.ok(quick.picture.seconds < full.picture.seconds);
    assert.equal(quick.picture.seconds, 5);
    assert.equal(quick.uplink.untilSteady, true, 'quick ends the uplink waits on their events');
    assert.equal(quick.uplink.openEarly, true);
    assert.ok(quick.audit.sessions < full.audit.sessions);
    assert.ok(quick.history.events < full.history.events);
    assert.equal(quick.signaling.sessionCounts.length, 1);
    assert.equal(quick.signaling.startTogether, true, 'quick starts the three servers at once');
  });

  it('the full run measures 300 kbit/s, 1 Mbit/s and 2 Mbit/s, with "Sharp text"', () => {
    const full = settingsFrom([]);
    assert.deepEqual(full.uplink.ratesBitsPerSecond, [300_000, 1_000_000, 2_000_000]);
    assert.equal(full.uplink.sharpText, true);
    assert.equal(full.joinRuns, 20);
    assert.equal(full.picture.seconds, 60);
    assert.equal(full.picture.settleUntilSteady, false, 'the full run keeps its fixed settling');
    assert.equal(full.uplink.untilSteady, false);
    assert.equal(full.uplink.openEarly, false, 'the full run opens the uplink stage when its section starts');
    assert.equal(full.signaling.startTogether, false, 'the full run starts each server in its turn, as before');
  });
});
