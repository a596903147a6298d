import type { Row } from '../report/model';
import { percentile } from '../support/stats';
import { rateLabel } from './shaping';
import { TEXT_SIZES_PX, type TextSize } from './textWindow';
import { TEXT_STILL_MS } from './textChanges';
import type { UplinkFigures, UplinkSideFigures } from './uplinkBench';

/** The targets: 13 px text readable within 1 s at 1 Mbit/s (and faster), within 2 s below. */
const readableTargetMs = (rate: number) => (rate >= 1_000_000 ? 1_000 : 2_000);
/** No freeze longer than this while the text changes, at 1 Mbit/s and faster. */
const LONGEST_GAP_TARGET_MS = 500;

/** Median over the switches; a switch where the text never became readable counts as endless. */
function readableP50(side: UplinkSideFigures, size: TextSize): number | null {
  const times = side.switches.map((s) => s.readableAfterMs[size] ?? Number.POSITIVE_INFINITY);
  const p50 = percentile(times, 50);
  return Number.isFinite(p50) ? p50 : null;
}

const never = (side: UplinkSideFigures, size: TextSize) => side.switches.filter((s) => s.readableAfterMs[size] === null).length;
const ratio = (ours: number | null, plain: number | null) => (ours !== null && plain !== null && plain > 0 ? ` (${(ours / plain).toFixed(2)}× the plain pair)` : '');

/** How long each switch was watched: fixed, or (quick) until the new text was still. */
function switchWindows(ours: UplinkSideFigures, plain: UplinkSideFigures): string {
  const seconds = (side: UplinkSideFigures) => side.waits.switches.map((wait) => (wait.waitedMs / 1000).toFixed(1)).join('/');
  const fixed = ours.waits.switches.every((wait) => wait.steady === null);
  return fixed
    ? `each switch watched ${seconds(ours)} s`
    : `each switch watched until its text was still ${TEXT_STILL_MS} ms: ours ${seconds(ours)} s, plain ${seconds(plain)} s`;
}

/**
 * Where the time to readable text goes, largest first (estimates): the picture's lag behind the
 * screen (draw → decode p50) is capture, encode, queueing on the link and decode; what comes after
 * the first new frame is the encoder refining a blurry first picture (rate control).
 */
function phases(side: UplinkSideFigures, readableMs: number | null): string {
  const frameMs = side.capturedFps > 0 ? 1000 / side.capturedFps : Number.NaN;
  const queueing = side.drawToDecodeP50 - side.encodeMsPerFrame - side.decodeMsPerFrame - frameMs;
  const parts: Array<[string, number]> = [
    ['capture (one frame interval)', frameMs],
    ['encode', side.encodeMsPerFrame],
    ['queueing on the link', queueing],
    ['decode', side.decodeMsPerFrame],
    ...(readableMs === null ? [] : ([['encoder rate control (sharpening after the first new frame)', readableMs - side.drawToDecodeP50]] as Array<[string, number]>)),
  ];
  return parts
    .filter(([, ms]) => Number.isFinite(ms) && ms > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([name, ms]) => `${name} ~${Math.round(ms)} ms`)
    .join(', ');
}

export function uplinkRows(figures: UplinkFigures): Row[] {
  const { ours, oursSharpText, plain, rateBitsPerSecond: rate } = figures;
  const label = `${rateLabel(rate)} uplink:`;
  return [
    {
      section: 'uplink',
      figure: `${label} Share → first frame`,
      unit: 'ms',
      ours: ours.firstFrameMs,
      limit: plain.firstFrameMs,
      note: `ours: "Share my screen"; plain pair: its start button${ratio(ours.firstFrameMs, plain.firstFrameMs)}`,
    },
    ...sideRows(label, rate, ours, plain),
    ...(oursSharpText ? sideRows(`${label} "Sharp text" on:`, rate, oursSharpText, plain) : []),
  ];
}

/** The picture and the changed text, ours (or ours with Sharp text) beside the plain pair. */
function sideRows(label: string, rate: number, ours: UplinkSideFigures, plain: UplinkSideFigures): Row[] {
  const row = (figure: string, unit: string, pick: (side: UplinkSideFigures) => number | null, extra: Partial<Row> = {}): Row => ({
    section: 'uplink',
    figure: `${label} ${figure}`,
    unit,
    ours: pick(ours),
    limit: pick(plain),
    ...extra,
  });
  const rows: Row[] = [
    row('frames per second decoded (text changing)', 'fps', (side) => side.decodedFps, {
      note: `captured ${ours.capturedFps.toFixed(1)}, encoded ${ours.encodedFps.toFixed(1)} fps; ${ours.width}×${ours.height} (plain ${plain.width}×${plain.height})`,
    }),
    row('longest frame gap (text changing)', 'ms', (side) => side.longestGapMs, {
      ...(rate >= 1_000_000 ? { target: `no freeze > ${LONGEST_GAP_TARGET_MS} ms`, met: ours.longestGapMs <= LONGEST_GAP_TARGET_MS } : {}),
      note: `freezes (getStats): ours ${ours.freezes}, plain ${plain.freezes}; gaps > 500 ms: ours ${ours.longGaps}, plain ${plain.longGaps}`,
    }),
    row('draw → decode p50', 'ms', (side) => side.drawToDecodeP50, { note: `clock read in ${ours.clockFramesRead} frames (${ours.clockFramesUnreadable} unreadable)` }),
    row('draw → decode p95', 'ms', (side) => side.drawToDecodeP95),
    row('send bit rate, settled', 'kbit/s', (side) => side.sendKbps, {
      note: `bandwidth estimate at the end: ours ${Math.round(ours.estimateKbps)}, plain ${Math.round(plain.estimateKbps)} kbit/s; quality limitation: ours ${ours.qualityLimitation}, plain ${plain.qualityLimitation}`,
    }),
  ];
  for (const size of TEXT_SIZES_PX) {
    const oursMs = readableP50(ours, size);
    const plainMs = readableP50(plain, size);
    const missing = [never(ours, size), never(plain, size)];
    const notes = [
      `p50 of ${ours.switches.length} switches${ratio(oursMs, plainMs)}`,
      ...(size === TEXT_SIZES_PX[0] ? [switchWindows(ours, plain)] : []),
      ...(missing.some((n) => n > 0) ? [`not readable within the window in ${missing[0]} (ours) / ${missing[1]} (plain) switches`] : []),
    ];
    const targeted = size === 13;
    const targetMs = readableTargetMs(rate);
    const met = oursMs !== null && oursMs <= targetMs && (plainMs === null || oursMs <= plainMs);
    if (targeted && !met) notes.push(`ours: ${phases(ours, oursMs)}`);
    rows.push(
      row(`changed ${size} px text readable after`, 'ms', () => null, {
        ours: oursMs,
        limit: plainMs,
        ...(targeted ? { target: `≤ ${targetMs.toLocaleString('en')} ms, ≤ plain pair`, met } : {}),
        note: notes.join('; '),
      }),
    );
  }
  return rows;
}
