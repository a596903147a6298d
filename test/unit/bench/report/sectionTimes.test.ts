import assert from 'node:assert/strict';
import { renderSectionTimes, SectionClock } from '../../../../bench/report/sectionTimes';

describe('bench: time per section', () => {
  it('records each section in the order it ran, also when it fails', async () => {
    const clock = new SectionClock();
    assert.equal(await clock.time('signaling', () => Promise.resolve(42)), 42);
    await assert.rejects(clock.time('join', () => Promise.reject(new Error('no browser')), '3 runs each'), /no browser/);
    assert.deepEqual(
      clock.times.map(({ name, note }) => ({ name, note })),
      [
        { name: 'signaling', note: undefined },
        { name: 'join', note: '3 runs each' },
      ],
    );
    assert.ok(clock.times.every((time) => time.seconds >= 0));
  });

  it('prints one line per section and the total, seconds rounded', () => {
    const text = renderSectionTimes(
      [
        { name: 'signaling', seconds: 31.6 },
        { name: 'uplink', seconds: 70.2, note: 'with OCR' },
      ],
      120.4,
    );
    assert.equal(text, ['Time per section (wall clock):', '  signaling    32 s', '  uplink       70 s  (with OCR)', '  total       120 s'].join('\n'));
  });
});
