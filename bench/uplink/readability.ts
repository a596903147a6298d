import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { firstFreshPosition, firstReadableIndex } from './firstReadable';
import { recordedBlockPng } from './frameRecorder';
import { readText } from './ocr';
import { TEXT_SIZES_PX, type ScreenRect, type TextSize, type TextSwitch } from './textWindow';
import { READABLE_ACCURACY, wordAccuracy } from './wordAccuracy';

/** OCR reads small screen text far better scaled up; 3× is where tesseract reads 11 px text reliably. */
const UPSCALE = 3;
/** Two OCR processes at a time (two switches searched at once): one per core of the development machine. */
const PARALLEL_READS = 2;
/** BENCH_KEEP_OCR=<folder>: keep every image OCR read, named by switch, size, frame and words right. */
const KEEP_DIR = process.env.BENCH_KEEP_OCR;

export interface SwitchReadability {
  /** ms from the switch to the decoded frame in which each size became readable; null: not within the window. */
  readableAfterMs: Record<TextSize, number | null>;
  /** Frames decoded between this switch and the next. */
  frames: number;
}

/**
 * For every text switch and size: the first recorded frame after the switch in which OCR reads
 * ≥ 90 % of the new words (binary search over the frames until the next switch; see firstReadable.ts).
 * The same frames as searching each size alone, with fewer reads.
 */
export async function readabilityAfterSwitches(
  receiver: Page,
  frameTimes: readonly number[],
  switches: readonly TextSwitch[],
  windowEnd: number,
  blocks: Record<TextSize, ScreenRect>,
  /** Per switch and block (firstChangedFrames): the first frame that no longer shows the old words. */
  firstChanged: readonly number[][],
): Promise<{ perSwitch: SwitchReadability[]; ocrReads: number }> {
  let ocrReads = 0;
  // Frames whose block is pixel-identical to one already read (the text still, between refinements) read the same: read once.
  const accuracyOf = new Map<string, number>();
  const framesAfter = switches.map((change, index) => {
    const until = switches[index + 1]?.at ?? windowEnd;
    return frameTimes.flatMap((at, frame) => (at >= change.at && at < until ? [frame] : []));
  });
  // Per switch, the largest text first: where it became readable is the smaller texts' hint, and
  // the sizes mostly become readable in the same frame (then two reads each instead of a search).
  const largestFirst = [...TEXT_SIZES_PX].sort((a, b) => b - a);
  const searches = switches.map((change, index) => async () => {
    const frames = framesAfter[index] ?? [];
    const found: Array<{ index: number; size: TextSize; ms: number | null }> = [];
    let hint: number | undefined;
    for (const size of largestFirst) {
      const blockIndex = TEXT_SIZES_PX.indexOf(size);
      const changed = firstChanged[index]?.[blockIndex];
      // Frames before the block first changed show the old words: not readable, no OCR needed. The
      // new words are mostly readable in the first frame that shows them: the largest text's hint.
      const fresh = firstFreshPosition(frames, changed);
      const first = await firstReadableIndex(
        frames.length,
        async (i) => {
          if (i < fresh) return false;
          const png = await recordedBlockPng(receiver, frames[i] ?? -1, { ...blocks[size], index: blockIndex }, UPSCALE);
          const key = `${index}:${size}:${createHash('sha1').update(png).digest('hex')}`;
          let accuracy = accuracyOf.get(key);
          if (accuracy === undefined) {
            ocrReads += 1;
            accuracy = wordAccuracy(change.words[size], await readText(png));
            accuracyOf.set(key, accuracy);
          }
          if (KEEP_DIR) await writeFile(path.join(KEEP_DIR, `switch${index + 1}-${size}px-frame${i}-${Math.round(accuracy * 100)}pct.png`), png);
          return accuracy >= READABLE_ACCURACY;
        },
        hint ?? (fresh < frames.length ? fresh : undefined),
      );
      hint = first ?? hint;
      const frame = first === undefined ? undefined : frames[first];
      found.push({ index, size, ms: frame === undefined ? null : (frameTimes[frame] ?? Number.NaN) - change.at });
    }
    return found;
  });
  const results = (await inParallel(searches, PARALLEL_READS)).flat();
  const perSwitch = switches.map((_change, index) => {
    const readableAfterMs = Object.fromEntries(
      results.filter((result) => result.index === index).map((result) => [result.size, result.ms]),
    ) as Record<TextSize, number | null>;
    return { readableAfterMs, frames: framesAfter[index]?.length ?? 0 };
  });
  return { perSwitch, ocrReads };
}

async function inParallel<T>(tasks: ReadonlyArray<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task) results[index] = await task();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
