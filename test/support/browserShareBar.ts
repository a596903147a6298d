import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Chromium's own "<origin> is sharing your screen. [Stop sharing] Hide" bar, a small top-level X
 * window at the bottom of the shared screen. Tests click its button like a person would, with
 * xdotool, to check that stopping through the browser ends the session as cleanly as our button.
 */
const BAR_TITLE = 'is sharing your screen';
/** The "Stop sharing" button's centre, measured from the bar's right edge (only "Hide" follows it; Chromium 156). */
const BUTTON_FROM_RIGHT = 118;

export async function clickBrowserStopSharing(display: string, timeoutMs = 10_000): Promise<{ x: number; y: number }> {
  const env = { ...process.env, DISPLAY: display };
  const deadline = Date.now() + timeoutMs;
  let windowId = '';
  while (!windowId) {
    try {
      const { stdout } = await run('xdotool', ['search', '--onlyvisible', '--name', BAR_TITLE], { env });
      windowId = stdout.trim().split('\n')[0] ?? '';
    } catch {
      // xdotool exits 1 while no window matches
    }
    if (!windowId) {
      if (Date.now() > deadline) throw new Error(`no "${BAR_TITLE}" bar of Chromium on ${display} within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const { stdout } = await run('xdotool', ['getwindowgeometry', '--shell', windowId], { env });
  const geometry = Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('=') as [string, string]));
  const x = Number(geometry.X) + Number(geometry.WIDTH) - BUTTON_FROM_RIGHT;
  const y = Number(geometry.Y) + Math.round(Number(geometry.HEIGHT) / 2) - 3;
  await run('xdotool', ['mousemove', '--sync', String(x), String(y), 'click', '1'], { env });
  return { x, y };
}
