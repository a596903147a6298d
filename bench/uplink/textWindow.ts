import type { Browser, Page } from 'playwright-core';
import { benchContext } from '../join/browsers';
import { drawClock, type ClockPlacement } from '../picture/clockWindow';
import { wordsForSeed } from './textWords';

/**
 * A window on the customer's screen with the clock bars at the top (draw → decode) and, below,
 * three blocks of dark text on white at 11, 13 and 16 px: a document the customer scrolls or
 * switches, the case where a support agent must read what changed. The rest of the window stays
 * still, as most of a desktop does.
 */
export const TEXT_SIZES_PX = [11, 13, 16] as const;
export type TextSize = (typeof TEXT_SIZES_PX)[number];
const WORDS_PER_BLOCK = 20;
const BLOCK = { left: 20, firstTop: 200, spacing: 170, width: 860 } as const;

/** Where a block is on the screen, in screen pixels. */
export interface ScreenRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextSwitch {
  /** Epoch ms of the animation frame that drew the new text. */
  at: number;
  words: Record<TextSize, string[]>;
}

export interface TextWindow {
  clock: ClockPlacement;
  /** The rectangle of each block on the screen, for cropping the received frames. */
  blocks: Record<TextSize, ScreenRect>;
  /** Shows the words of `round` (round 0 is shown at the start). */
  show(round: number): Promise<TextSwitch>;
}

const wordsOfRound = (round: number): Record<TextSize, string[]> => ({
  11: wordsForSeed(round * 3 + 1, WORDS_PER_BLOCK),
  13: wordsForSeed(round * 3 + 2, WORDS_PER_BLOCK),
  16: wordsForSeed(round * 3 + 3, WORDS_PER_BLOCK),
});

export async function openTextWindow(browser: Browser, blankUrl: string): Promise<TextWindow> {
  const page: Page = await (await benchContext(browser, { headed: true })).newPage();
  await page.goto(blankUrl);
  const clock = await drawClock(page, { moving: false });
  const rects = await page.evaluate(
    ({ sizes, block }) =>
      sizes.map((size, index) => {
        const element = document.createElement('p');
        element.dataset.size = String(size);
        Object.assign(element.style, {
          position: 'absolute',
          margin: '0',
          left: `${block.left}px`,
          top: `${block.firstTop + index * block.spacing}px`,
          width: `${block.width}px`,
          font: `${size}px/1.45 sans-serif`,
          color: '#222',
        });
        element.textContent = 'x';
        document.body.append(element);
        return { left: block.left, top: block.firstTop + index * block.spacing };
      }),
    { sizes: [...TEXT_SIZES_PX], block: BLOCK },
  );
  const show = async (round: number): Promise<TextSwitch> => {
    const words = wordsOfRound(round);
    const at = await page.evaluate(
      (texts) =>
        new Promise<number>((resolve) =>
          requestAnimationFrame(() => {
            for (const [size, text] of Object.entries(texts)) {
              const element = document.querySelector<HTMLElement>(`p[data-size="${size}"]`);
              if (element) element.textContent = text;
            }
            resolve(performance.timeOrigin + performance.now());
          }),
        ),
      Object.fromEntries(Object.entries(words).map(([size, list]) => [size, list.join(' ')])),
    );
    return { at, words };
  };
  await show(0);
  // Up to four lines of text, with white around them so OCR sees whole letters.
  const rect = (index: number): ScreenRect => ({
    x: clock.screenX + (rects[index]?.left ?? 0) - 8,
    y: clock.screenY + (rects[index]?.top ?? 0) - 8,
    width: BLOCK.width + 16,
    height: Math.ceil((TEXT_SIZES_PX[index] ?? 16) * 1.45 * 4) + 16,
  });
  return { clock, blocks: { 11: rect(0), 13: rect(1), 16: rect(2) }, show };
}
