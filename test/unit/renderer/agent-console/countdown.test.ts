import { strict as assert } from 'node:assert';
import { formatCountdown, remainingMs } from '../../../../renderer/agent-console/sessions/countdown';
import { text } from '../../../../renderer/agent-console/i18n/textRef';
import { english, german } from './english';

describe('key countdown', () => {
  it('reads m:ss and counts whole seconds up, so 0:00 means really expired', () => {
    assert.equal(formatCountdown(300_000), '5:00');
    assert.equal(formatCountdown(299_001), '5:00');
    assert.equal(formatCountdown(299_000), '4:59');
    assert.equal(formatCountdown(61_000), '1:01');
    assert.equal(formatCountdown(9_500), '0:10');
    assert.equal(formatCountdown(1), '0:01');
    assert.equal(formatCountdown(0), '0:00');
    assert.equal(formatCountdown(-5_000), '0:00');
  });

  it('shows hours for long key lifetimes', () => {
    assert.equal(formatCountdown(3_723_000), '1:02:03');
    assert.equal(formatCountdown(3_600_000), '1:00:00');
  });

  it('computes the time left from expiresAt and never goes below zero', () => {
    const now = 1_700_000_000_000;
    assert.equal(remainingMs(now + 299_000, now), 299_000);
    assert.equal(remainingMs(now - 1, now), 0);
  });

  it('reads "Expires in 4:59" to the agent', () => {
    const ref = text('session.expiresIn', { time: formatCountdown(remainingMs(1_000 + 299_000, 1_000)) });
    assert.equal(english.translate(ref), 'Expires in 4:59');
    assert.equal(german.translate(ref), 'Noch 4:59 gültig');
  });
});
