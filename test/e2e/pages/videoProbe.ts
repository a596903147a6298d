import { expect, type Locator, type Page } from '@playwright/test';
import type { Rgb } from '../../support/screenMarker';

/**
 * Looks at the agent's <video> the way a person looks at it: is there a picture, how big, what
 * colour is it at a given place, how smooth is it. Everything runs inside the agent's page.
 */

export interface PictureSize {
  width: number;
  height: number;
}

export async function waitForPicture(video: Locator, minWidth: number, timeout = 30_000): Promise<PictureSize> {
  await expect
    .poll(() => video.evaluate((element: HTMLVideoElement) => element.videoWidth), {
      message: `the agent's video should show a picture at least ${minWidth} px wide`,
      timeout,
    })
    .toBeGreaterThanOrEqual(minWidth);
  return video.evaluate((element: HTMLVideoElement) => ({ width: element.videoWidth, height: element.videoHeight }));
}

/** The colour of the video at a point given in the customer's screen coordinates. */
export function pixelAt(video: Locator, point: { x: number; y: number }, screen: PictureSize): Promise<Rgb> {
  return video.evaluate(
    (element: HTMLVideoElement, { point, screen }) => {
      const canvas = document.createElement('canvas');
      canvas.width = element.videoWidth;
      canvas.height = element.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      if (!context) throw new Error('no 2d canvas');
      context.drawImage(element, 0, 0);
      const x = Math.round((point.x * element.videoWidth) / screen.width);
      const y = Math.round((point.y * element.videoHeight) / screen.height);
      const [r = 0, g = 0, b = 0] = context.getImageData(x, y, 1, 1).data;
      return { r, g, b };
    },
    { point, screen },
  );
}

export function colourDistance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b));
}

declare global {
  interface Window {
    __firstCustomerFrameAt?: number;
  }
}

/**
 * Starts watching the page for the first frame of a customer video that appears from now on
 * (videos already on the page are ignored),
 * recording its wall-clock time (Date.now(), comparable with the test's own clock).
 */
export async function watchForFirstFrame(page: Page): Promise<void> {
  await page.evaluate(() => {
    delete window.__firstCustomerFrameAt;
    const selector = 'video[aria-label="Customer screen"]';
    const earlier = new Set(document.querySelectorAll<HTMLVideoElement>(selector));
    const seen = new WeakSet<HTMLVideoElement>();
    const record = () => {
      window.__firstCustomerFrameAt ??= Date.now();
    };
    const scan = () => {
      for (const video of document.querySelectorAll<HTMLVideoElement>(selector)) {
        if (earlier.has(video)) continue;
        if (!seen.has(video)) {
          seen.add(video);
          video.requestVideoFrameCallback(record);
        }
        if (video.readyState >= 2 && video.videoWidth > 0) record();
      }
      if (window.__firstCustomerFrameAt === undefined) setTimeout(scan, 5);
    };
    scan();
  });
}

export async function firstFrameAt(page: Page, timeout = 30_000): Promise<number> {
  const handle = await page.waitForFunction(() => window.__firstCustomerFrameAt, undefined, { timeout, polling: 20 });
  return (await handle.jsonValue()) as number;
}

/**
 * Frames per second the video decoded over a while (the same count as getStats' framesDecoded;
 * requestVideoFrameCallback would undercount in a headless page, which composites irregularly).
 */
export function framesPerSecond(video: Locator, durationMs = 3_000): Promise<number> {
  return video.evaluate(async (element: HTMLVideoElement, durationMs) => {
    const startFrames = element.getVideoPlaybackQuality().totalVideoFrames;
    const startedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, durationMs));
    const seconds = (performance.now() - startedAt) / 1000;
    return (element.getVideoPlaybackQuality().totalVideoFrames - startFrames) / seconds;
  }, durationMs);
}

/**
 * The picture moves: the video decodes `frames` more frames from now on (getVideoPlaybackQuality,
 * as framesPerSecond). Waits for them instead of measuring a rate, so a loaded machine that
 * decodes slowly still passes while a frozen picture fails.
 */
export async function expectPictureMoves(video: Locator, message = 'the picture moves', frames = 3): Promise<void> {
  const decoded = () => video.evaluate((element: HTMLVideoElement) => element.getVideoPlaybackQuality().totalVideoFrames);
  const from = await decoded();
  await expect.poll(decoded, { message }).toBeGreaterThanOrEqual(from + frames);
}

/** Starts counting the frames the agent's video presents (requestVideoFrameCallback); read with framesShown(). */
export async function countFrames(video: Locator): Promise<void> {
  await video.evaluate((element: HTMLVideoElement) => {
    const counted = element as HTMLVideoElement & { __framesShown?: number };
    counted.__framesShown = 0;
    const onFrame = () => {
      counted.__framesShown = (counted.__framesShown ?? 0) + 1;
      element.requestVideoFrameCallback(onFrame);
    };
    element.requestVideoFrameCallback(onFrame);
  });
}

export function framesShown(video: Locator): Promise<number> {
  return video.evaluate((element: HTMLVideoElement) => (element as HTMLVideoElement & { __framesShown?: number }).__framesShown ?? 0);
}

/** Where on the page the spot at this share (0..1) of the customer's picture is shown (object-fit: contain letterboxes it). */
export async function pagePointOfFraction(video: Locator, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await video.boundingBox();
  const size = await video.evaluate((element: HTMLVideoElement) => ({ width: element.videoWidth, height: element.videoHeight }));
  if (!box || !size.width || !size.height) throw new Error('the picture is not on the page');
  const scale = Math.min(box.width / size.width, box.height / size.height);
  const left = box.x + (box.width - size.width * scale) / 2;
  const top = box.y + (box.height - size.height * scale) / 2;
  return { x: left + x * size.width * scale, y: top + y * size.height * scale };
}
