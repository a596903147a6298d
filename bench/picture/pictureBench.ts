import type { Page } from 'playwright-core';
import type { Row } from '../report/model';
import { waitForSteadyEstimate } from './steadyEstimate';
import { percentile } from '../support/stats';
import { benchContext } from '../join/browsers';
import { startLoopbackPair, stopLoopbackPair } from '../join/loopbackPair';
import { joinOnce } from '../join/ourJoin';
import type { Stage } from '../join/stage';
import { openClockWindow, type ClockPlacement } from './clockWindow';
import { rtpSnapshot, startClockReader, stopClockReader, type ClockReadings, type PeerChoice, type RtpSnapshot } from './inPage';

/** The sender ramps its bit rate up over the first seconds; the window starts after that (at most this long). */
const SETTLE_MS = 2_000;

export interface PictureSettings {
  /** The length of each measured window. */
  seconds: number;
  /** --quick: the window starts once the sender's bandwidth estimate is steady (at most SETTLE_MS), not after SETTLE_MS. */
  settleUntilSteady: boolean;
}
/** The clock window: right of the customer's window (0,0 1000×800), so it is always on screen. */
const CLOCK_WINDOW = { x: 1000, y: 0, width: 920, height: 1080 };

export interface PictureFigures {
  seconds: number;
  width: number;
  height: number;
  decodedFps: number;
  encodedFps: number;
  capturedFps: number;
  encodeMsPerFrame: number;
  decodeMsPerFrame: number;
  freezes: number;
  freezeSeconds: number;
  longGaps: number;
  longestGapMs: number;
  drawToDecodeP50: number;
  drawToDecodeP95: number;
  drawToPresentP50: number;
  clockFramesRead: number;
  clockFramesUnreadable: number;
  qualityLimitation: string;
  encoder: string;
  decoder: string;
}

interface Sides {
  senderPage: Page;
  sender: PeerChoice;
  receiverPage: Page;
  receiver: PeerChoice;
  videoSelector: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measurePicture(stage: Stage, { seconds, settleUntilSteady }: PictureSettings, log: (line: string) => void): Promise<{ rows: Row[]; details: { ours: PictureFigures; loopback: PictureFigures } }> {
  const clock = await openClockWindow(await stage.launchWindow(CLOCK_WINDOW), stage.blankUrl);
  const screen = { width: stage.display.width, height: stage.display.height };

  const customerBrowser = await stage.launchCustomer();
  const join = await joinOnce(stage.agent, customerBrowser, stage.customerUrl);
  const settledOurs = await settle(join.customer.page, 'last', settleUntilSteady);
  const ours = await measureWindow(
    { senderPage: join.customer.page, sender: 'last', receiverPage: stage.agent.page, receiver: 'last', videoSelector: 'video[aria-label="Customer screen"]' },
    clock,
    screen,
    seconds,
  );
  log(`picture ours: ${summary(ours)}; settled in ${settledOurs}`);
  await join.end();
  await customerBrowser.close();

  const loopbackBrowser = await stage.launchCustomer();
  const page = await (await benchContext(loopbackBrowser, { headed: true })).newPage();
  await page.goto(stage.blankUrl);
  await startLoopbackPair(page);
  const settledLoopback = await settle(page, 'loopback-sender', settleUntilSteady);
  const loopback = await measureWindow(
    { senderPage: page, sender: 'loopback-sender', receiverPage: page, receiver: 'loopback-receiver', videoSelector: 'video[aria-label="Loopback screen"]' },
    clock,
    screen,
    seconds,
  );
  log(`picture loopback: ${summary(loopback)}; settled in ${settledLoopback}`);
  await stopLoopbackPair(page);
  await loopbackBrowser.close();
  return { rows: pictureRows(ours, loopback), details: { ours, loopback } };
}

/** Waits for the sender's bit rate to ramp up: SETTLE_MS, or (quick) until its bandwidth estimate is steady. */
async function settle(page: Page, sender: PeerChoice, untilSteady: boolean): Promise<string> {
  if (!untilSteady) {
    await sleep(SETTLE_MS);
    return `${SETTLE_MS} ms (fixed)`;
  }
  const { waitedMs, steady } = await waitForSteadyEstimate(page, sender, SETTLE_MS);
  return `${waitedMs} ms${steady ? '' : ' (estimate still moving)'}`;
}

async function measureWindow(sides: Sides, clock: ClockPlacement, screen: { width: number; height: number }, seconds: number): Promise<PictureFigures> {
  const snapshot = () =>
    Promise.all([rtpSnapshot(sides.senderPage, sides.sender, 'outbound'), rtpSnapshot(sides.receiverPage, sides.receiver, 'inbound')]);
  await startClockReader(sides.receiverPage, sides.videoSelector, clock, screen);
  const [sentBefore, receivedBefore] = await snapshot();
  await sleep(seconds * 1000);
  const [sentAfter, receivedAfter] = await snapshot();
  const readings = await stopClockReader(sides.receiverPage);
  return pictureFigures(seconds, sentBefore, sentAfter, receivedBefore, receivedAfter, readings);
}

/** Figures of one window from getStats snapshots at its ends and the clock readings within it. */
export function pictureFigures(seconds: number, s0: RtpSnapshot, s1: RtpSnapshot, r0: RtpSnapshot, r1: RtpSnapshot, readings: ClockReadings): PictureFigures {
  const delta = (a: RtpSnapshot, b: RtpSnapshot, key: keyof RtpSnapshot) => Number(b[key] ?? Number.NaN) - Number(a[key] ?? Number.NaN);
  const encoded = delta(s0, s1, 'framesEncoded');
  const decoded = delta(r0, r1, 'framesDecoded');
  return {
    seconds,
    width: r1.frameWidth ?? 0,
    height: r1.frameHeight ?? 0,
    decodedFps: decoded / ((r1.at - r0.at) / 1000),
    encodedFps: encoded / ((s1.at - s0.at) / 1000),
    capturedFps: delta(s0, s1, 'framesCaptured') / ((s1.at - s0.at) / 1000),
    encodeMsPerFrame: (delta(s0, s1, 'totalEncodeTime') / encoded) * 1000,
    decodeMsPerFrame: (delta(r0, r1, 'totalDecodeTime') / decoded) * 1000,
    freezes: delta(r0, r1, 'freezeCount'),
    freezeSeconds: delta(r0, r1, 'totalFreezesDuration'),
    longGaps: readings.longGaps,
    longestGapMs: readings.longestGapMs,
    drawToDecodeP50: percentile(readings.drawToDecodeMs, 50),
    drawToDecodeP95: percentile(readings.drawToDecodeMs, 95),
    drawToPresentP50: percentile(readings.drawToPresentMs, 50),
    clockFramesRead: readings.drawToDecodeMs.length,
    clockFramesUnreadable: readings.unreadable,
    qualityLimitation: s1.qualityLimitationReason ?? '?',
    encoder: s1.encoderImplementation ?? 'not shown',
    decoder: r1.decoderImplementation ?? 'not shown',
  };
}

const summary = (f: PictureFigures) =>
  `${f.width}×${f.height} ${f.decodedFps.toFixed(1)} fps (captured ${f.capturedFps.toFixed(1)}, encoded ${f.encodedFps.toFixed(1)}), encode ${f.encodeMsPerFrame.toFixed(1)} ms, ` +
  `decode ${f.decodeMsPerFrame.toFixed(1)} ms, ${f.freezes} freezes, draw→decode p50 ${f.drawToDecodeP50.toFixed(0)} ms ` +
  `(${f.clockFramesRead} read, ${f.clockFramesUnreadable} unreadable), limited by ${f.qualityLimitation}`;

function pictureRows(ours: PictureFigures, loopback: PictureFigures): Row[] {
  const size = (f: PictureFigures) => `${f.width}×${f.height}`;
  const smooth = ours.height >= 1080 && ours.decodedFps >= 29 && ours.freezes === 0 && ours.longGaps === 0;
  // Frames are lost at the stage with the largest drop: capture, encoder, or between encoder and decoder.
  const drops: Array<[string, number]> = [
    ['the screen capture', 30 - ours.capturedFps],
    ['the encoder', ours.capturedFps - ours.encodedFps],
    ['transport/decoder', ours.encodedFps - ours.decodedFps],
  ];
  const worst = drops.sort((a, b) => b[1] - a[1])[0]?.[0] ?? '?';
  const fpsNote =
    `captured ${ours.capturedFps.toFixed(1)}, encoded ${ours.encodedFps.toFixed(1)}, decoded ${ours.decodedFps.toFixed(1)} fps: ` +
    `${worst} loses most (quality limitation: ${ours.qualityLimitation})`;
  return [
    { section: 'picture', figure: `resolution received (height; ${ours.seconds} s window)`, unit: 'px', ours: ours.height, limit: loopback.height, note: `ours ${size(ours)}, limit ${size(loopback)}` },
    {
      section: 'picture',
      figure: 'frames per second decoded',
      unit: 'fps',
      ours: ours.decodedFps,
      limit: loopback.decodedFps,
      target: '≥ 29 at 1080p, no freezes',
      met: smooth,
      ...(smooth ? {} : { note: fpsNote }),
    },
    {
      section: 'picture',
      figure: 'freezes (getStats freezeCount)',
      unit: 'count',
      ours: ours.freezes,
      limit: loopback.freezes,
      decimals: 0,
      note: `frame gaps > 500 ms: ours ${ours.longGaps} (longest ${Math.round(ours.longestGapMs)} ms), limit ${loopback.longGaps}`,
    },
    { section: 'picture', figure: 'encode time per frame (sender)', unit: 'ms', ours: ours.encodeMsPerFrame, limit: loopback.encodeMsPerFrame, note: `encoder ${ours.encoder}` },
    { section: 'picture', figure: 'decode time per frame (agent)', unit: 'ms', ours: ours.decodeMsPerFrame, limit: loopback.decodeMsPerFrame, note: `decoder ${ours.decoder}` },
    {
      section: 'picture',
      figure: 'draw → decode p50',
      unit: 'ms',
      ours: ours.drawToDecodeP50,
      limit: loopback.drawToDecodeP50,
      target: '≤ 80 ms',
      met: Number.isNaN(ours.drawToDecodeP50) ? null : ours.drawToDecodeP50 <= 80,
      note:
        `clock read in ${ours.clockFramesRead} frames (${ours.clockFramesUnreadable} unreadable)` +
        (ours.drawToDecodeP50 > 80 ? `; encode ${ours.encodeMsPerFrame.toFixed(0)} + decode ${ours.decodeMsPerFrame.toFixed(0)} ms, the rest is screen capture, pacing and transport` : ''),
    },
    { section: 'picture', figure: 'draw → decode p95', unit: 'ms', ours: ours.drawToDecodeP95, limit: loopback.drawToDecodeP95 },
    { section: 'picture', figure: 'draw → presented p50', unit: 'ms', ours: ours.drawToPresentP50, limit: loopback.drawToPresentP50 },
  ];
}
