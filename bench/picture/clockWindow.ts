import type { Browser, Page } from 'playwright-core';
import { benchContext } from '../join/browsers';

/**
 * A window on the shared X display that draws, every animation frame, the current epoch time in
 * milliseconds (mod 2^24) as 24 black/white bars, with the complement in a second row so a reader
 * can tell a clean reading from a smeared one; the rest of the window is a moving gradient, so
 * about half the screen changes all the time.
 */
export const CLOCK_BARS = { left: 20, top: 20, barWidth: 32, barHeight: 60, rowGap: 20, bits: 24 } as const;
export type ClockBars = typeof CLOCK_BARS;

/** Where the bars are on the screen (top-left of the first bar of the first row). */
export interface ClockPlacement {
  bars: ClockBars;
  screenX: number;
  screenY: number;
}

export async function openClockWindow(browser: Browser, blankUrl: string): Promise<ClockPlacement> {
  const page = await (await benchContext(browser, { headed: true })).newPage();
  await page.goto(blankUrl);
  return drawClock(page, { moving: true });
}

/**
 * Draws the clock bars into a page of a headed window, over the moving gradient (`moving`) or on
 * white (the rest of the page stays still, e.g. for text).
 */
export async function drawClock(page: Page, { moving }: { moving: boolean }): Promise<ClockPlacement> {
  const origin = await page.evaluate(({ bars, moving }) => {
    const canvas = document.createElement('canvas');
    canvas.width = window.innerWidth;
    canvas.height = window.innerHeight;
    document.body.append(canvas);
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const modulus = 2 ** bars.bits;
    const draw = (time: number) => {
      if (!moving) {
        context.fillStyle = '#fff';
        context.fillRect(0, 0, canvas.width, canvas.height);
        drawBars();
        return;
      }
      const shift = (time / 5) % canvas.width;
      const gradient = context.createLinearGradient(shift, 0, shift + canvas.width / 2, canvas.height);
      gradient.addColorStop(0, `hsl(${(time / 10) % 360} 80% 50%)`);
      gradient.addColorStop(1, `hsl(${(time / 10 + 180) % 360} 80% 50%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, canvas.width, canvas.height);
      drawBars();
      requestAnimationFrame(draw);
    };
    const drawBars = () => {
      const value = Math.floor(performance.timeOrigin + performance.now()) % modulus;
      for (let bit = 0; bit < bars.bits; bit += 1) {
        const one = ((value >>> (bars.bits - 1 - bit)) & 1) === 1;
        const x = bars.left + bit * bars.barWidth;
        context.fillStyle = one ? '#fff' : '#000';
        context.fillRect(x, bars.top, bars.barWidth, bars.barHeight);
        context.fillStyle = one ? '#000' : '#fff';
        context.fillRect(x, bars.top + bars.barHeight + bars.rowGap, bars.barWidth, bars.barHeight);
      }
      if (!moving) requestAnimationFrame(drawBars);
    };
    requestAnimationFrame(draw);
    // No window manager on Xvfb: the content starts below Chromium's own tab strip and toolbar.
    return { x: window.screenX + (window.outerWidth - window.innerWidth), y: window.screenY + (window.outerHeight - window.innerHeight) };
  }, { bars: CLOCK_BARS, moving });
  return { bars: CLOCK_BARS, screenX: origin.x, screenY: origin.y };
}
