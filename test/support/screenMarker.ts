import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { VirtualDisplay } from './xvfb';

const run = promisify(execFile);

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What was painted on the desktop, in screen pixels, so a test knows where to look in the video. */
export interface ScreenMarker {
  readonly rect: Rect;
  readonly colour: Rgb;
  readonly background: Rgb;
  readonly screen: { width: number; height: number };
  /** A point in the middle of the marker and one on plain background, far from windows and bars. */
  readonly markerPoint: { x: number; y: number };
  readonly backgroundPoint: { x: number; y: number };
}

const hex = ({ r, g, b }: Rgb) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/**
 * Paints the X root window (the desktop) with a solid background and one rectangle of a distinct
 * colour, using only xsetroot: a two-colour bitmap the size of the screen, tiled exactly once.
 * Windows opened later (the customer's browser) cover the desktop but not where the marker is.
 */
export async function paintScreenMarker(
  screen: VirtualDisplay,
  rect: Rect,
  colour: Rgb = { r: 255, g: 0, b: 255 },
  background: Rgb = { r: 32, g: 64, b: 128 },
): Promise<ScreenMarker> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screen-marker-'));
  try {
    const file = path.join(dir, 'marker.xbm');
    await writeFile(file, markerBitmap(screen.width, screen.height, rect));
    await run('xsetroot', ['-bitmap', file, '-fg', hex(colour), '-bg', hex(background)], {
      env: { ...process.env, DISPLAY: screen.display },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    rect,
    colour,
    background,
    screen: { width: screen.width, height: screen.height },
    markerPoint: { x: rect.x + Math.floor(rect.width / 2), y: rect.y + Math.floor(rect.height / 2) },
    backgroundPoint: { x: rect.x + Math.floor(rect.width / 2), y: Math.max(0, rect.y - 250) },
  };
}

/** An XBM image (C source; bit set = foreground, least significant bit leftmost). */
function markerBitmap(width: number, height: number, rect: Rect): string {
  const bytesPerRow = Math.ceil(width / 8);
  const bytes: string[] = [];
  for (let y = 0; y < height; y += 1) {
    const rowInside = y >= rect.y && y < rect.y + rect.height;
    for (let column = 0; column < bytesPerRow; column += 1) {
      let byte = 0;
      for (let bit = 0; bit < 8; bit += 1) {
        const x = column * 8 + bit;
        if (rowInside && x >= rect.x && x < rect.x + rect.width) byte |= 1 << bit;
      }
      bytes.push(`0x${byte.toString(16).padStart(2, '0')}`);
    }
  }
  return `#define marker_width ${width}\n#define marker_height ${height}\nstatic unsigned char marker_bits[] = {\n${bytes.join(',')}\n};\n`;
}
