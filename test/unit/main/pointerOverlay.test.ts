import { strict as assert } from 'node:assert';
import type { Rectangle } from 'electron';
import { createPointerOverlay, markOnDisplay, type OverlayDisplay, type OverlayWindow } from '../../../main/pointerOverlay';
import { Push } from '../../../preload/contract/channels';
import { FakeFloatingWindow } from './fakes';

class FakeOverlayWindow extends FakeFloatingWindow implements OverlayWindow {
  readonly id = 3;
  clickThrough = false;
  bounds: Partial<Rectangle> = {};
  setIgnoreMouseEvents(ignore: boolean): void {
    this.clickThrough = ignore;
  }
  setBounds(bounds: Partial<Rectangle>): void {
    this.bounds = bounds;
  }
}

/** Two monitors: a 1920x1080 primary at 100 %, and a HiDPI one (2560x1440 pixels at 200 %) to its right, 200 DIP higher. */
const PRIMARY: OverlayDisplay = { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, scaleFactor: 1 };
const HIDPI: OverlayDisplay = { id: 2, bounds: { x: 1920, y: -200, width: 1280, height: 720 }, scaleFactor: 2 };

function setup(displays: () => OverlayDisplay[] = () => [PRIMARY, HIDPI]) {
  const created: FakeOverlayWindow[] = [];
  const overlay = createPointerOverlay({
    createWindow: (options) => {
      const window = new FakeOverlayWindow(options);
      created.push(window);
      return window;
    },
    preloadPath: '/app/overlay-preload.cjs',
    url: 'app://overlay/overlay.html',
    displays,
    primaryDisplay: () => PRIMARY,
    log: () => undefined,
  });
  return { overlay, created };
}

describe('pointer overlay window', () => {
  it('is transparent, click-through, always on top and content-protected', () => {
    const { overlay, created } = setup();
    overlay.showOver('1');
    const [window] = created;
    assert.ok(window);
    assert.equal(window.options.transparent, true);
    assert.equal(window.options.frame, false);
    assert.equal(window.options.focusable, false, 'never takes the keyboard from the customer');
    assert.equal(window.clickThrough, true, 'clicks go through to the customer’s own windows');
    assert.equal(window.contentProtected, true, 'the marks must not feed back into the picture');
    assert.deepEqual(window.alwaysOnTop, [true, 'screen-saver']);
    assert.equal(window.visible, true);
  });

  it('covers exactly the shared display, also the second, scaled one', () => {
    const { overlay, created } = setup();
    overlay.showOver('2');
    assert.deepEqual(created[0]?.bounds, HIDPI.bounds);
    overlay.showOver('1');
    assert.equal(created.length, 1, 'one window, moved');
    assert.deepEqual(created[0]?.bounds, PRIMARY.bounds);
    overlay.showOver('no-such-display');
    assert.deepEqual(created[0]?.bounds, PRIMARY.bounds, 'an unknown display id falls back to the primary display');
  });

  it('follows the shared display when it is resized or rescaled while sharing', () => {
    let hidpi = HIDPI;
    const { overlay, created } = setup(() => [PRIMARY, hidpi]);
    overlay.showOver('2');
    // The customer changes the second display's resolution and scale (2560x1600 pixels at 160 %).
    hidpi = { id: 2, bounds: { x: 1920, y: 0, width: 1600, height: 1000 }, scaleFactor: 1.6 };
    overlay.showOver('2');
    assert.equal(created.length, 1, 'the same window');
    assert.deepEqual(created[0]?.bounds, hidpi.bounds);
    assert.deepEqual(markOnDisplay(hidpi, 0.5, 0.5), { dip: { x: 2720, y: 500 }, framePixel: { x: 1280, y: 800 } });
  });

  it('puts a mark at the right place on a 2-monitor, scaled layout', () => {
    // The middle of the HiDPI display: global DIP right of the primary and 200 DIP up; its own pixels doubled.
    assert.deepEqual(markOnDisplay(HIDPI, 0.5, 0.5), { dip: { x: 2560, y: 160 }, framePixel: { x: 1280, y: 720 } });
    assert.deepEqual(markOnDisplay(PRIMARY, 0.25, 0.5), { dip: { x: 480, y: 540 }, framePixel: { x: 480, y: 540 } });
    assert.deepEqual(markOnDisplay(HIDPI, 1, 1), { dip: { x: 3200, y: 520 }, framePixel: { x: 2560, y: 1440 } });
  });

  it('passes marks to its page and hides when sharing stops', () => {
    const { overlay, created } = setup();
    const marks = { point: { x: 0.5, y: 0.5 }, strokes: [] };
    overlay.draw(marks);
    assert.equal(created.length, 0, 'no window before sharing');
    overlay.showOver('2');
    overlay.draw(marks);
    assert.deepEqual(created[0]?.sent, [[Push.overlayMarks, marks]]);
    assert.equal(overlay.window(), created[0]);
    overlay.hide();
    assert.equal(created[0]?.visible, false);
    overlay.destroy();
    assert.equal(created[0]?.destroyed, true);
  });
});
