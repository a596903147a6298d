import { strict as assert } from 'node:assert';
import type { SharedSource } from '../../../main/capture';
import { createMarksOnScreen } from '../../../main/marksOnScreen';
import type { OverlayMarks } from '../../../preload/contract/overlayApi';

function setup(shared: SharedSource | undefined, sharing = true) {
  const calls: string[] = [];
  const show = createMarksOnScreen({
    overlay: {
      showOver: (displayId) => void calls.push(`over ${displayId ?? 'primary'}`),
      draw: (marks) => void calls.push(`draw ${JSON.stringify(marks.point)} ${marks.strokes.length}`),
      hide: () => void calls.push('hide'),
    },
    shared: () => shared,
    sharing: () => sharing,
  });
  return { show, calls };
}

const POINT: OverlayMarks = { point: { x: 0.25, y: 0.75 }, strokes: [] };
const NOTHING: OverlayMarks = { point: null, strokes: [] };

describe('the agent’s marks on the customer’s screen (app)', () => {
  it('draws them over the display whose screen is shared', () => {
    const { show, calls } = setup({ id: 'screen:2:0', kind: 'screen', displayId: '202' });
    assert.equal(show(POINT), true);
    assert.deepEqual(calls, ['over 202', 'draw {"x":0.25,"y":0.75} 0']);
  });

  it('hides the overlay when nothing is left to show (faded, or the customer turned marks off)', () => {
    const { show, calls } = setup({ id: 'screen:1:0', kind: 'screen', displayId: '101' });
    assert.equal(show(NOTHING), true);
    assert.deepEqual(calls, ['hide']);
  });

  it('leaves a shared window, or no share, to the page’s own preview', () => {
    const window = setup({ id: 'window:9:0', kind: 'window', displayId: undefined });
    assert.equal(window.show(POINT), false);
    assert.deepEqual(window.calls, ['hide']);
    const notSharing = setup({ id: 'screen:1:0', kind: 'screen', displayId: '101' }, false);
    assert.equal(notSharing.show(POINT), false);
    assert.deepEqual(notSharing.calls, ['hide']);
  });
});
