import { expect, type Locator } from '@playwright/test';

export interface PictureGeometry {
  /** The picture as shown (the video's box, letterboxing removed, zoom included), CSS px. */
  shown: { width: number; height: number };
  /** The largest picture of the stream's shape that fits the space the page leaves it: the window,
   *  minus the page's side margins and the panel's own controls (head, figures, actions). */
  fits: { width: number; height: number };
  video: { width: number; height: number };
  viewport: { width: number; height: number };
  /** The video element's box on the page. */
  box: { x: number; y: number; width: number; height: number };
}

/** Measures the agent's picture against the room the window has for it. */
export function pictureGeometry(panel: Locator): Promise<PictureGeometry> {
  return panel.evaluate((element) => {
    const video = element.querySelector<HTMLVideoElement>('video[aria-label]');
    const stage = element.querySelector<HTMLElement>('.video-stage');
    const grid = element.parentElement;
    if (!video || !stage || !grid) throw new Error('no picture in this panel');
    const contain = (room: { width: number; height: number }) => {
      const ratio = Math.min(room.width / video.videoWidth, room.height / video.videoHeight);
      return { width: video.videoWidth * ratio, height: video.videoHeight * ratio };
    };
    const videoBox = video.getBoundingClientRect();
    const stageBox = stage.getBoundingClientRect();
    const panelBox = element.getBoundingClientRect();
    const scale = videoBox.width / stageBox.width;
    const fitted = contain({ width: stageBox.width, height: stageBox.height });
    const room = {
      width: grid.getBoundingClientRect().width - (panelBox.width - stageBox.width),
      height: window.innerHeight - (panelBox.height - stageBox.height),
    };
    return {
      shown: { width: fitted.width * scale, height: fitted.height * scale },
      fits: contain(room),
      video: { width: video.videoWidth, height: video.videoHeight },
      viewport: { width: window.innerWidth, height: window.innerHeight },
      box: { x: videoBox.x, y: videoBox.y, width: videoBox.width, height: videoBox.height },
    };
  });
}

/** The picture uses at least 90 % of the room the window leaves it, and all of it is in view. */
export async function expectPictureFillsRoom(panel: Locator): Promise<void> {
  await panel.scrollIntoViewIfNeeded();
  await expect
    .poll(
      async () => {
        const { shown, fits } = await pictureGeometry(panel);
        return Math.min(shown.width / fits.width, shown.height / fits.height);
      },
      { message: 'the picture should use at least 90 % of the room the window leaves it' },
    )
    .toBeGreaterThanOrEqual(0.9);
  await expect(panel.locator('video[aria-label]')).toBeInViewport({ ratio: 1 });
}
