import type { Page } from 'playwright-core';
import type { RecordedFrame } from './frameRecorder';

/** Still text for this long (~15 frames) means the encoder has refined it as far as it matters. */
export const TEXT_STILL_MS = 600;

/**
 * A block differs from another when more than 0.1 % of its pixels differ by more than 16 of 255
 * levels: a switch to new words changes ~5 % of them by up to ~230 levels; the encoder's later
 * refinement of the same words changes pixels by a few levels only (measured at 1 Mbit/s).
 */
const CHANGED_LEVELS = 16;
const CHANGED_SHARE = 0.001;

declare global {
  interface Window {
    __textCompare?: {
      pixels(frame: RecordedFrame): Promise<Uint8ClampedArray[]>;
      differs(a: Uint8ClampedArray | undefined, b: Uint8ClampedArray | undefined): boolean;
    };
  }
}

/** Puts the pixel comparison into the receiving page (once), for the two functions below. */
async function installTextCompare(page: Page): Promise<void> {
  await page.evaluate(
    ({ levels, share }) => {
      if (window.__textCompare) return;
      const canvas = new OffscreenCanvas(1, 1);
      const context = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
      window.__textCompare = {
        pixels: async (frame) =>
          (await frame.crops).map((bitmap) => {
            canvas.width = bitmap.width;
            canvas.height = bitmap.height;
            context.drawImage(bitmap, 0, 0);
            return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
          }),
        differs: (a, b) => {
          if (!a || !b || a.length !== b.length) return true;
          let changed = 0;
          for (let i = 0; i < a.length; i += 4) {
            const diff = Math.max(
              Math.abs((a[i] ?? 0) - (b[i] ?? 0)),
              Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)),
              Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)),
            );
            if (diff > levels) changed += 1;
          }
          return changed > (a.length / 4) * share;
        },
      };
    },
    { levels: CHANGED_LEVELS, share: CHANGED_SHARE },
  );
}

/**
 * Waits, after a text switch at `switchAt` (epoch ms), until every text block of the decoded
 * frames has changed from the frame before the switch and they then stayed the same (see
 * CHANGED_LEVELS) for `stillMs` of decoded frames: the new text has arrived and the encoder has
 * stopped changing it visibly. Frames must keep arriving for the time to count (a freeze is not "still"). Gives up
 * after `maxMs` (the fixed window this replaces). Sampled every `pollMs` in the page.
 */
export async function waitForTextToSettle(
  page: Page,
  switchAt: number,
  { stillMs, maxMs, pollMs = 100 }: { stillMs: number; maxMs: number; pollMs?: number },
): Promise<{ steady: boolean; waitedMs: number }> {
  await installTextCompare(page);
  return page.evaluate(
    async ({ switchAt, stillMs, maxMs, pollMs }) => {
      const recorder = window.__textFrames;
      const compare = window.__textCompare;
      if (!recorder || !compare) throw new Error('no frame recorder running');
      const now = () => performance.timeOrigin + performance.now();
      const started = now();
      const differsAnywhere = (a: Uint8ClampedArray[], b: Uint8ClampedArray[]) => a.some((block, index) => compare.differs(block, b[index]));
      const differsEverywhere = (a: Uint8ClampedArray[], b: Uint8ClampedArray[]) => a.every((block, index) => compare.differs(block, b[index]));
      // The last frame before the switch shows the old words. Once every block differs from it,
      // the new words have arrived (blocks may arrive in different frames); from then on each frame
      // is compared with the last one that differed, and the time since that change counts.
      const before = recorder.frames.filter((frame) => frame.decodedAt < switchAt).at(-1);
      const old = before ? await compare.pixels(before) : undefined;
      let reference: Uint8ClampedArray[] | undefined;
      let changedAt = Number.NaN;
      let lastIndex = -1;
      while (now() - started < maxMs) {
        await new Promise((resolve) => setTimeout(resolve, pollMs));
        const index = recorder.frames.length - 1;
        const frame = recorder.frames[index];
        if (!old || !frame || index === lastIndex || frame.decodedAt < switchAt) continue;
        lastIndex = index;
        const pixels = await compare.pixels(frame);
        if (!differsEverywhere(pixels, old)) {
          reference = undefined;
          continue;
        }
        if (!reference || differsAnywhere(pixels, reference)) {
          reference = pixels;
          changedAt = frame.decodedAt;
        }
        if (frame.decodedAt - changedAt >= stillMs) return { steady: true, waitedMs: now() - started };
      }
      return { steady: false, waitedMs: now() - started };
    },
    { switchAt, stillMs, maxMs, pollMs },
  );
}

/**
 * For each switch and text block: the index (into the recorded frames) of the first frame after
 * the switch (and before the next) whose block differs from the last frame before it, or -1 (none
 * did); no entries when no frame came before the switch. Frames before that one still show the
 * old words, so they cannot read as the new ones: the read-back skips them.
 */
export async function firstChangedFrames(page: Page, switchTimes: readonly number[]): Promise<number[][]> {
  await installTextCompare(page);
  return page.evaluate(async (switchTimes) => {
    const recorder = window.__textFrames;
    const compare = window.__textCompare;
    if (!recorder || !compare) throw new Error('no frame recorder running');
    const frames = recorder.frames;
    const result: number[][] = [];
    for (const [switchIndex, at] of switchTimes.entries()) {
      const until = switchTimes[switchIndex + 1] ?? Number.POSITIVE_INFINITY;
      const beforeIndex = frames.findLastIndex((frame) => frame.decodedAt < at);
      const before = frames[beforeIndex];
      const blocks = before ? await compare.pixels(before) : [];
      const firsts = blocks.map(() => -1);
      for (let index = beforeIndex + 1; before && index < frames.length && firsts.includes(-1); index += 1) {
        const frame = frames[index];
        if (!frame || frame.decodedAt >= until) break;
        const pixels = await compare.pixels(frame);
        blocks.forEach((block, b) => {
          if (firsts[b] === -1 && compare.differs(pixels[b], block)) firsts[b] = index;
        });
      }
      result.push(firsts);
    }
    return result;
  }, [...switchTimes]);
}
