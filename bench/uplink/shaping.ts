/**
 * How the customer's uplink is shaped: option text → tc arguments. Pure, so it is unit-tested;
 * namespace.ts runs the commands.
 */

/** "300kbit", "1mbit", "2.5mbit", "64000bit" → bits per second. */
export function parseRate(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(bit|kbit|mbit)$/i.exec(text.trim());
  if (!match?.[1] || !match[2]) throw new Error(`"${text}" is not a rate: write e.g. 300kbit, 1mbit, 2mbit`);
  const factor = { bit: 1, kbit: 1_000, mbit: 1_000_000 }[match[2].toLowerCase() as 'bit' | 'kbit' | 'mbit'];
  const bitsPerSecond = Math.round(Number(match[1]) * factor);
  if (bitsPerSecond < 32_000) throw new Error(`${text} is below 32 kbit/s: no picture fits through that`);
  return bitsPerSecond;
}

/** 1_000_000 → "1 Mbit/s", 300_000 → "300 kbit/s", as the table prints it. */
export function rateLabel(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${Number((bitsPerSecond / 1_000_000).toFixed(2))} Mbit/s`;
  return `${Number((bitsPerSecond / 1_000).toFixed(1))} kbit/s`;
}

/** "40ms" → 40. */
export function parseDelay(text: string): number {
  const match = /^(\d+(?:\.\d+)?)ms$/.exec(text.trim());
  if (!match?.[1]) throw new Error(`"${text}" is not a delay: write e.g. 40ms`);
  return Number(match[1]);
}

/** "1%" or "0.5%" → 1 or 0.5 (percent of packets). */
export function parseLoss(text: string): number {
  const match = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  const percent = Number(match?.[1]);
  if (!match || !(percent >= 0 && percent < 100)) throw new Error(`"${text}" is not a loss: write e.g. 1%`);
  return percent;
}

/** One full Ethernet frame: the token bucket must hold at least one, better two. */
const FULL_FRAME_BYTES = 1_514;
/** A home router's queue: about 200 ms at the line rate, but never fewer than 10 full packets. */
export const QUEUE_MS = 200;
const MIN_QUEUE_PACKETS = 10;

export interface TbfParameters {
  rateBitsPerSecond: number;
  /** Token bucket size in bytes: what may leave at line speed in one go. */
  burstBytes: number;
  /** Bytes that may wait in the queue before packets are dropped. */
  limitBytes: number;
}

/**
 * tbf for a rate: a small bucket (2 full frames, or 5 ms at the rate if more), so the link never
 * bursts much above its rate, and a queue like a home router's, so a key frame waits rather than
 * being dropped at once.
 */
export function tbfParameters(rateBitsPerSecond: number): TbfParameters {
  const bytesPerSecond = rateBitsPerSecond / 8;
  const burstBytes = Math.max(2 * FULL_FRAME_BYTES, Math.ceil(bytesPerSecond * 0.005));
  const queueBytes = Math.max(MIN_QUEUE_PACKETS * FULL_FRAME_BYTES, Math.ceil((bytesPerSecond * QUEUE_MS) / 1000));
  return { rateBitsPerSecond, burstBytes, limitBytes: queueBytes + burstBytes };
}

export interface Impairment {
  delayMs?: number;
  lossPercent?: number;
}

/**
 * `tc` argument lists that shape egress of `device`: tbf alone, or netem (delay/loss) at the root
 * with tbf as its child when an impairment is asked for.
 */
export function shapingCommands(device: string, rateBitsPerSecond: number, impairment: Impairment = {}): string[][] {
  const tbf = tbfParameters(rateBitsPerSecond);
  const tbfArgs = ['tbf', 'rate', `${tbf.rateBitsPerSecond}bit`, 'burst', String(tbf.burstBytes), 'limit', String(tbf.limitBytes)];
  const netemArgs = [
    ...(impairment.delayMs ? ['delay', `${impairment.delayMs}ms`] : []),
    ...(impairment.lossPercent ? ['loss', `${impairment.lossPercent}%`] : []),
  ];
  if (netemArgs.length === 0) return [['qdisc', 'replace', 'dev', device, 'root', 'handle', '1:', ...tbfArgs]];
  return [
    ['qdisc', 'replace', 'dev', device, 'root', 'handle', '1:', 'netem', ...netemArgs],
    ['qdisc', 'replace', 'dev', device, 'parent', '1:1', 'handle', '10:', ...tbfArgs],
  ];
}
