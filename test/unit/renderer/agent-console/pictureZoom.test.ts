import { strict as assert } from 'node:assert';
import { PictureZoom } from '../../../../renderer/agent-console/video/pictureZoom';

/** A 1920×1080 screen in a 1280×720 stage: fit is scale 1, 1:1 is 1.5 on a screen of pixel ratio 1. */
function zoomed(pixelRatio = 1): PictureZoom {
  const zoom = new PictureZoom();
  zoom.setGeometry({ width: 1280, height: 720 }, { width: 1920, height: 1080 }, pixelRatio);
  return zoom;
}

describe('picture zoom', () => {
  it('starts fitted: the whole picture, no transform', () => {
    const zoom = zoomed();
    assert.equal(zoom.isZoomed, false);
    assert.deepEqual(zoom.shownSize, { width: 1280, height: 720 });
  });

  it('"Actual size" shows one screen pixel per device pixel', () => {
    assert.equal(zoomed().actualScale, 1.5);
    assert.equal(zoomed(2).actualScale, 0.75);
    const zoom = zoomed();
    zoom.actualSize();
    assert.equal(zoom.isActualSize, true);
    assert.equal(zoom.shownSize.width, 1920);
  });

  it('stays at "Actual size" when the picture sharpens from half size to full size', () => {
    const zoom = new PictureZoom();
    zoom.setGeometry({ width: 1280, height: 720 }, { width: 960, height: 540 }, 1); // the first frame, at half size
    zoom.actualSize();
    assert.equal(zoom.shownSize.width, 960);
    zoom.setGeometry({ width: 1280, height: 720 }, { width: 1920, height: 1080 }, 1);
    assert.equal(zoom.isActualSize, true);
    assert.equal(zoom.shownSize.width, 1920);
  });

  it('stays at "Actual size" when the window changes size, and keeps a chosen zoom otherwise', () => {
    const actual = zoomed();
    actual.actualSize();
    actual.setGeometry({ width: 1440, height: 900 }, { width: 1920, height: 1080 }, 1);
    assert.equal(actual.shownSize.width, 1920);
    const chosen = zoomed();
    chosen.actualSize();
    chosen.zoomBy(1.25);
    chosen.setGeometry({ width: 1280, height: 720 }, { width: 3840, height: 2160 }, 1);
    assert.equal(chosen.isActualSize, false);
    assert.equal(chosen.scale, 1.875);
  });

  it('zooms around the given point: the picture point under it stays put', () => {
    const zoom = zoomed();
    zoom.zoomBy(2, { x: 0, y: 0 });
    assert.equal(zoom.transform, 'translate(0px, 0px) scale(2)');
    zoom.fit();
    zoom.zoomBy(2); // around the centre
    assert.equal(zoom.transform, 'translate(-640px, -360px) scale(2)');
  });

  it('never zooms out below the whole picture nor in beyond 8×', () => {
    const zoom = zoomed();
    zoom.zoomBy(0.5);
    assert.equal(zoom.scale, 1);
    zoom.zoomBy(100);
    assert.equal(zoom.scale, 8);
  });

  it('pans only as far as the picture reaches', () => {
    const zoom = zoomed();
    zoom.zoomBy(2, { x: 0, y: 0 });
    zoom.panBy(500, 500); // past the top-left corner
    assert.equal(zoom.transform, 'translate(0px, 0px) scale(2)');
    zoom.panBy(-5000, -5000); // past the bottom-right corner
    assert.equal(zoom.transform, 'translate(-1280px, -720px) scale(2)');
  });

  it('keeps a letterboxed picture centred while it is narrower than the stage', () => {
    const zoom = new PictureZoom();
    zoom.setGeometry({ width: 1600, height: 720 }, { width: 1280, height: 720 }, 1); // bars left and right
    zoom.zoomBy(1.1, { x: 0, y: 360 });
    zoom.panBy(-300, 0);
    // 1280 × 1.1 = 1408 wide, centred in 1600: starts at 96; the element's bar (160) scaled is 176.
    assert.equal(zoom.transform, 'translate(-80px, -36px) scale(1.1)');
  });
});
