import type { Page } from 'playwright-core';
import type { ScreenRect } from './textWindow';

/**
 * Runs in the receiving page: keeps, for every decoded frame of a <video> while recording, the
 * regions of the text blocks as ImageBitmaps (cheap to take; encoded as PNG only when the bench
 * asks for one to read back). Frames are timed like the clock reader's: decoded at receiveTime +
 * processingDuration of the frame metadata, in epoch ms.
 */
export interface RecordedFrame {
  decodedAt: number;
  /** One bitmap per text block, in the order of the blocks given to the recorder. */
  crops: Promise<ImageBitmap[]>;
}

declare global {
  interface Window {
    __textFrames?: { frames: RecordedFrame[]; stop(): void };
  }
}

/** Enough for ~20 s at 30 fps; a run that decodes more stops keeping frames rather than running out of memory. */
const MAX_FRAMES = 600;

export async function startFrameRecorder(page: Page, videoSelector: string, blocks: ScreenRect[], screenWidth: number): Promise<void> {
  await page.evaluate(
    ({ videoSelector, blocks, screenWidth, maxFrames }) => {
      const video = [...document.querySelectorAll<HTMLVideoElement>(videoSelector)].filter((v) => v.readyState >= 2).at(-1);
      if (!video) throw new Error(`no playing ${videoSelector}`);
      const frames: RecordedFrame[] = [];
      let running = true;
      const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata & { receiveTime?: number; processingDuration?: number }) => {
        if (!running) return;
        if (frames.length < maxFrames) {
          const scale = video.videoWidth / screenWidth;
          const decodedAt =
            metadata.receiveTime !== undefined ? metadata.receiveTime + (metadata.processingDuration ?? 0) * 1000 : metadata.presentationTime;
          frames.push({
            decodedAt: performance.timeOrigin + decodedAt,
            crops: Promise.all(blocks.map((r) => createImageBitmap(video, r.x * scale, r.y * scale, r.width * scale, r.height * scale))),
          });
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      window.__textFrames = {
        frames,
        stop() {
          running = false;
        },
      };
    },
    { videoSelector, blocks, screenWidth, maxFrames: MAX_FRAMES },
  );
}

export function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const recorder = window.__textFrames;
    if (!recorder) throw new Error('no frame recorder running');
    recorder.stop();
    return recorder.frames.map((frame) => frame.decodedAt);
  });
}

/** One recorded block as PNG, scaled to `upscale` × its size on the screen (OCR reads small text better so). */
export async function recordedBlockPng(page: Page, frame: number, block: ScreenRect & { index: number }, upscale: number): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    async ({ frame, block, upscale }) => {
      const bitmap = (await window.__textFrames?.frames[frame]?.crops)?.[block.index];
      if (!bitmap) throw new Error(`no recorded frame ${frame}`);
      const canvas = document.createElement('canvas');
      canvas.width = block.width * upscale;
      canvas.height = block.height * upscale;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/png');
    },
    { frame, block, upscale },
  );
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

export async function dropRecordedFrames(page: Page): Promise<void> {
  await page.evaluate(async () => {
    for (const frame of window.__textFrames?.frames ?? []) for (const bitmap of await frame.crops) bitmap.close();
    delete window.__textFrames;
  });
}

