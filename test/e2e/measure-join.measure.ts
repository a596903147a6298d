import type { Page } from '@playwright/test';
import { cpus, loadavg } from 'node:os';
import { desktopWindowLaunchOptions } from '../support/chromium';
import { test } from './fixtures';
import { AgentConsole } from './pages/agentConsole';
import { CustomerPage } from './pages/customerPage';
import { framesPerSecond } from './pages/videoProbe';
import { shareScreen } from './shareFlow';

/**
 * How fast and how good is the picture? Repeats the real-capture join MEASURE_JOIN times (each
 * with a fresh customer browser on the virtual desktop, one signed-in agent) and prints the median
 * time from "Continue" to the agent's first decoded frame, with resolution and frames per second:
 * once of the still desktop, and once while a window on it animates (a still screen is sent at a
 * low rate on purpose, so only moving content shows the frame rate the link can carry).
 *   MEASURE_JOIN=10 npx playwright test --project=measure
 * (needs `npm run build` first). Not part of `npm test`: it prints, it does not assert.
 */
const runs = Number(process.env.MEASURE_JOIN ?? '10');

/** The sender ramps up its rate over the first seconds; figures are taken after that. */
const SETTLE_MS = 3_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** A window right of the customer's, repainting a full-window gradient every animation frame. */
async function openMovingWindow(page: Page): Promise<void> {
  await page.setContent('<canvas></canvas>');
  await page.evaluate(() => {
    document.body.style.margin = '0';
    const canvas = document.querySelector('canvas') as HTMLCanvasElement;
    canvas.width = window.innerWidth;
    canvas.height = window.innerHeight;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    const draw = (time: number) => {
      const shift = (time / 5) % canvas.width;
      const gradient = context.createLinearGradient(shift, 0, shift + canvas.width / 2, canvas.height);
      gradient.addColorStop(0, `hsl(${(time / 10) % 360} 80% 50%)`);
      gradient.addColorStop(1, `hsl(${(time / 10 + 180) % 360} 80% 50%)`);
      context.fillStyle = gradient;
      context.fillRect(0, 0, canvas.width, canvas.height);
      requestAnimationFrame(draw);
    };
    requestAnimationFrame(draw);
  });
}

test(`join ${runs} times with the real screen and measure`, async ({ server, desktop, playwright, agentContext, realCustomerContext }) => {
  const agent = await AgentConsole.signIn(await agentContext(), server.agentUrl);
  const results: Array<{ continueMs: number; shareMs: number; width: number; height: number; fps: number; movingFps: number }> = [];
  const moving = await playwright.chromium.launch(
    desktopWindowLaunchOptions(desktop.screen.display, { x: 1100, y: 0, width: 800, height: 400 }),
  );

  for (let run = 1; run <= runs; run += 1) {
    const context = await realCustomerContext(`customer-${run}`);
    const customer = await CustomerPage.open(context, server.customerUrl);
    const sharing = await shareScreen(agent, customer, 1);
    await customer.page.waitForTimeout(SETTLE_MS);
    const fps = await framesPerSecond(sharing.session.video, 5_000);
    const movingContext = await moving.newContext({ viewport: null });
    await openMovingWindow(await movingContext.newPage());
    await customer.page.waitForTimeout(SETTLE_MS);
    const movingFps = await framesPerSecond(sharing.session.video, 5_000);
    const consoleFigures = (await sharing.session.panel.getByLabel('Live figures').innerText()).replace(/\s+/g, ' ');
    await movingContext.close();
    const result = {
      continueMs: sharing.continueToFirstFrameMs,
      shareMs: sharing.shareToFirstFrameMs,
      width: sharing.picture.width,
      height: sharing.picture.height,
      fps,
      movingFps,
    };
    results.push(result);
    console.log(
      `run ${run}: Continue → first frame ${result.continueMs} ms (Share my screen → first frame ${result.shareMs} ms), ` +
        `${result.width}x${result.height}, ${fps.toFixed(1)} fps still, ${movingFps.toFixed(1)} fps moving; ` +
        `console shows: ${consoleFigures}`,
    );
    await sharing.session.endSession();
    await context.browser()?.close();
  }

  const sizes = [...new Set(results.map((r) => `${r.width}x${r.height}`))].join(', ');
  console.log(
    `median of ${runs}: Continue → first frame ${median(results.map((r) => r.continueMs))} ms ` +
      `(Share my screen → first frame ${median(results.map((r) => r.shareMs))} ms); ` +
      `resolution ${sizes}; ${median(results.map((r) => r.fps)).toFixed(1)} fps still, ` +
      `${median(results.map((r) => r.movingFps)).toFixed(1)} fps moving ` +
      `(${cpus().length} cores, load average ${loadavg().map((load) => load.toFixed(1)).join(' ')})`,
  );
  await moving.close();
});
