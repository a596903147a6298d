import { strict as assert } from 'node:assert';
import { previewShouldPlay } from '../../../../renderer/customer/views/previewPlayback';

describe("the customer's preview of their own shared screen", () => {
  const none = { point: null, strokes: [] };

  it('stands still while the agent has no mark on it, so it does not copy the screen into itself', () => {
    assert.equal(previewShouldPlay(none, true), false);
  });

  it('plays while the agent points or has drawn a line', () => {
    assert.equal(previewShouldPlay({ point: { x: 0.5, y: 0.5 }, strokes: [] }, true), true);
    assert.equal(previewShouldPlay({ point: null, strokes: [[[0, 0], [0.5, 0.5]]] }, true), true);
  });

  it('stands still when the customer turned the marks off', () => {
    assert.equal(previewShouldPlay({ point: { x: 0.5, y: 0.5 }, strokes: [] }, false), false);
  });
});
