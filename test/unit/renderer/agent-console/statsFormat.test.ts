import { strict as assert } from 'node:assert';
import type { VideoFigures } from '../../../../renderer/shared/videoStats';
import { bitrateText, figureTexts, resolutionText } from '../../../../renderer/agent-console/video/statsFormat';
import { english, german } from './english';

const figures: VideoFigures = {
  width: 1920,
  height: 1080,
  framesPerSecond: 29.97,
  bitrateKbps: 2_140,
  roundTripMs: 3,
  framesDecoded: 900,
  candidateType: 'host',
};

describe('live video figures', () => {
  it('read as the agent sees them: 1920×1080, 30 fps, 2.1 Mbit/s, 3 ms', () => {
    const shown = figureTexts(figures, 'en');
    assert.equal(english.translate(shown.resolution), '1920×1080');
    assert.equal(english.translate(shown.frameRate), '30 fps');
    assert.equal(english.translate(shown.bitrate), '2.1 Mbit/s');
    assert.equal(english.translate(shown.roundTrip), '3 ms');
  });

  it('use a decimal comma in German', () => {
    assert.equal(german.translate(bitrateText(2_140, 'de')), '2,1 Mbit/s');
  });

  it('show low bitrates in kbit/s and whole megabits with one decimal', () => {
    assert.equal(english.translate(bitrateText(850.4, 'en')), '850 kbit/s');
    assert.equal(english.translate(bitrateText(0, 'en')), '0 kbit/s');
    assert.equal(english.translate(bitrateText(1_000, 'en')), '1.0 Mbit/s');
    assert.equal(english.translate(bitrateText(12_460, 'en')), '12.5 Mbit/s');
  });

  it('show a dash for what is not known yet', () => {
    const none = figureTexts(null, 'en');
    for (const value of [none.resolution, none.frameRate, none.bitrate, none.roundTrip]) assert.equal(english.translate(value), '–');
    assert.equal(english.translate(resolutionText(0, 0)), '–');
    assert.equal(english.translate(figureTexts({ ...figures, roundTripMs: null }, 'en').roundTrip), '–');
  });
});
