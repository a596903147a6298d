import assert from 'node:assert/strict';
import { FIRST_FRAME_MAX_MS, FIRST_FRAME_POLL_MS, ReducedFirstFrame } from '../../../../renderer/shared/reducedFirstFrame';
import { FakeClock } from './fakeClock';

/** Lets the promise callbacks of the poll run (they are microtasks, not timers). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('a new picture’s first frame at half size, then full size', () => {
  let clock: FakeClock;
  let first: ReducedFirstFrame;
  let encoded: number;
  let fullSizeCalls: number;
  const watch = () =>
    first.watch(
      async () => encoded,
      () => (fullSizeCalls += 1),
    );

  beforeEach(() => {
    clock = new FakeClock();
    first = new ReducedFirstFrame(clock);
    encoded = 0;
    fullSizeCalls = 0;
  });

  it('is full size until a picture is coming, then half size before its track arrives', () => {
    assert.equal(first.scaleDownBy, 1);
    first.begin();
    assert.equal(first.scaleDownBy, 2);
  });

  it('goes to full size as soon as the encoder has made its first frame, and stops watching', async () => {
    first.begin();
    watch();
    await settle();
    clock.advance(FIRST_FRAME_POLL_MS);
    await settle();
    assert.equal(first.scaleDownBy, 2, 'no frame encoded yet');
    encoded = 1;
    clock.advance(FIRST_FRAME_POLL_MS);
    await settle();
    assert.equal(first.scaleDownBy, 1);
    assert.equal(fullSizeCalls, 1);
    assert.equal(clock.pending, 0, 'no timer left behind');
    clock.advance(FIRST_FRAME_MAX_MS);
    await settle();
    assert.equal(fullSizeCalls, 1, 'full size is applied once');
  });

  it('goes to full size after at most FIRST_FRAME_MAX_MS when no frame is encoded (e.g. paused at once)', async () => {
    first.begin();
    watch();
    for (let waited = 0; waited < FIRST_FRAME_MAX_MS - FIRST_FRAME_POLL_MS; waited += FIRST_FRAME_POLL_MS) {
      clock.advance(FIRST_FRAME_POLL_MS);
      await settle();
    }
    assert.equal(first.scaleDownBy, 2);
    clock.advance(FIRST_FRAME_POLL_MS);
    await settle();
    assert.equal(first.scaleDownBy, 1);
    assert.equal(fullSizeCalls, 1);
    assert.equal(clock.pending, 0);
  });

  it('goes to full size at once when the encoder cannot be asked (the connection closed)', async () => {
    first.begin();
    first.watch(
      () => Promise.reject(new Error('closed')),
      () => (fullSizeCalls += 1),
    );
    await settle();
    assert.equal(first.scaleDownBy, 1);
    assert.equal(fullSizeCalls, 1);
  });

  it('ends without a callback when the capture does not come or the peer is gone', async () => {
    first.begin();
    watch();
    first.end();
    encoded = 1;
    clock.advance(FIRST_FRAME_MAX_MS);
    await settle();
    assert.equal(first.scaleDownBy, 1);
    assert.equal(fullSizeCalls, 0);
    assert.equal(clock.pending, 0);
  });

  it('does nothing when no picture was begun (a picture that is already full size)', async () => {
    watch();
    encoded = 1;
    clock.advance(FIRST_FRAME_MAX_MS);
    await settle();
    assert.equal(fullSizeCalls, 0);
    assert.equal(clock.pending, 0);
  });

  it('starts over for the next picture: a reply about the earlier one is ignored', async () => {
    let answerEarlier: (frames: number) => void = () => undefined;
    first.begin();
    first.watch(
      () => new Promise<number>((resolve) => (answerEarlier = resolve)),
      () => (fullSizeCalls += 1),
    );
    first.begin();
    answerEarlier(1);
    await settle();
    assert.equal(first.scaleDownBy, 2, 'the new picture is still waiting for its own first frame');
    assert.equal(fullSizeCalls, 0);
  });
});
