import { strict as assert } from 'node:assert';
import { MAX_PEER_CHANNEL_MESSAGE_CHARS, PeerChannelMessage, parseMessage } from '../../../../signaling/protocol';
import { AgentMarks, MARK_VISIBLE_MS, MARKS_PER_SECOND } from '../../../../renderer/customer/flow/agentMarks';
import { pointingSentence } from '../../../../renderer/customer/views/marksPreview';
import { FakeClock } from './fakes';

describe("the agent's marks on the customer's side", () => {
  it('accept only points and strokes inside the shared surface, of bounded size', () => {
    const valid = (value: unknown) => parseMessage(PeerChannelMessage, JSON.stringify(value)).ok;
    assert.equal(valid({ type: 'pointer.point', x: 0.5, y: 1 }), true);
    assert.equal(valid({ type: 'pointer.point', x: 1.2, y: 0.5 }), false);
    assert.equal(valid({ type: 'pointer.point', x: 0.5, y: 0.5, html: '<b>' }), false);
    assert.equal(valid({ type: 'pointer.stroke', points: [[0, 0]] }), false);
    assert.equal(valid({ type: 'pointer.stroke', points: Array.from({ length: 33 }, () => [0.1, 0.1]) }), false);
    const longest = JSON.stringify({ type: 'pointer.stroke', points: Array.from({ length: 32 }, () => [0.1234, 0.5678]) });
    assert.ok(longest.length <= MAX_PEER_CHANNEL_MESSAGE_CHARS, 'the largest stroke fits in one data-channel message');
  });

  it('show a point, let it fade after a few seconds, and keep drawn lines as long', () => {
    const clock = new FakeClock();
    let changes = 0;
    const marks = new AgentMarks(clock, () => changes++);
    marks.receive({ type: 'pointer.point', x: 0.25, y: 0.75 });
    marks.receive({ type: 'pointer.stroke', points: [[0, 0], [0.5, 0.5]] });
    assert.deepEqual(marks.view().point, { x: 0.25, y: 0.75 });
    assert.equal(marks.view().strokes.length, 1);
    clock.advance(MARK_VISIBLE_MS + 1000);
    assert.equal(marks.view().point, null);
    assert.equal(marks.view().strokes.length, 0);
    assert.ok(changes >= 3);
  });

  it('drop marks beyond the rate limit', () => {
    const clock = new FakeClock();
    const marks = new AgentMarks(clock, () => undefined);
    let last = 0;
    for (let i = 0; i < MARKS_PER_SECOND * 3; i++) {
      marks.receive({ type: 'pointer.point', x: i / (MARKS_PER_SECOND * 3), y: 0.5 });
      const shown = marks.view().point?.x ?? 0;
      if (shown !== last) last = shown;
    }
    assert.ok(last < 0.4, `only the first ${MARKS_PER_SECOND} of a burst are shown (last shown x=${last})`);
    clock.advance(1000);
    marks.receive({ type: 'pointer.point', x: 0.9, y: 0.5 });
    assert.equal(marks.view().point?.x, 0.9, 'a second later the agent can point again');
  });

  it('show nothing while the customer turned them off', () => {
    const marks = new AgentMarks(new FakeClock(), () => undefined);
    marks.receive({ type: 'pointer.point', x: 0.5, y: 0.5 });
    marks.setShown(false);
    assert.equal(marks.view().point, null);
    marks.receive({ type: 'pointer.point', x: 0.1, y: 0.1 });
    assert.equal(marks.view().point, null);
  });

  it('say in words which part of the screen the agent points at', () => {
    assert.equal(pointingSentence(0.1, 0.1), 'marks.pointing.topLeft');
    assert.equal(pointingSentence(0.5, 0.5), 'marks.pointing.centre');
    assert.equal(pointingSentence(1, 1), 'marks.pointing.bottomRight');
  });
});
