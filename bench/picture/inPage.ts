import type { Page } from 'playwright-core';
import type { ClockPlacement } from './clockWindow';

/**
 * Measurements that run inside a page: reading the clock bars back from the decoded video, and
 * getStats() of the sending and receiving RTCPeerConnection.
 */
export type PeerChoice = 'last' | 'loopback-sender' | 'loopback-receiver';

export interface RtpSnapshot {
  at: number;
  /** Frames the capture delivered to the sender (media-source stats). */
  framesCaptured?: number;
  framesEncoded?: number;
  totalEncodeTime?: number;
  framesDecoded?: number;
  totalDecodeTime?: number;
  freezeCount?: number;
  totalFreezesDuration?: number;
  framesDropped?: number;
  frameWidth?: number;
  frameHeight?: number;
  encoderImplementation?: string;
  decoderImplementation?: string;
  qualityLimitationReason?: string;
  /** Sender: payload bytes sent so far, the encoder's target, and the bandwidth estimate of the connection. */
  bytesSent?: number;
  targetBitrate?: number;
  availableOutgoingBitrate?: number;
}

export interface ClockReadings {
  /** Clock drawn → frame decoded (rVFC receiveTime + processingDuration), ms. */
  drawToDecodeMs: number[];
  /** Clock drawn → frame handed to the compositor (rVFC presentationTime), ms. */
  drawToPresentMs: number[];
  frames: number;
  unreadable: number;
  /** Gaps between consecutive video frames longer than 500 ms, and the longest gap. */
  longGaps: number;
  longestGapMs: number;
}

declare global {
  interface Window {
    __clockReader?: { stop(): ClockReadings };
  }
}

export function rtpSnapshot(page: Page, which: PeerChoice, direction: 'outbound' | 'inbound'): Promise<RtpSnapshot> {
  return page.evaluate(
    async ({ which, direction }) => {
      const pc =
        which === 'last' ? window.__bench.pcs.at(-1) : which === 'loopback-sender' ? window.__loopback?.sender : window.__loopback?.receiver;
      if (!pc) throw new Error(`no peer connection (${which})`);
      const report = await pc.getStats();
      let found: Record<string, unknown> | undefined;
      let source: Record<string, unknown> | undefined;
      let pair: Record<string, unknown> | undefined;
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === `${direction}-rtp` && stat.kind === 'video') found = stat;
        if (stat.type === 'media-source' && stat.kind === 'video') source = stat;
        if (stat.type === 'candidate-pair' && stat.nominated === true && stat.state === 'succeeded') pair = stat;
      });
      const stat = found ?? {};
      const pick = <T>(name: string) => stat[name] as T | undefined;
      return {
        at: performance.timeOrigin + performance.now(),
        framesCaptured: source?.frames as number | undefined,
        framesEncoded: pick<number>('framesEncoded'),
        totalEncodeTime: pick<number>('totalEncodeTime'),
        framesDecoded: pick<number>('framesDecoded'),
        totalDecodeTime: pick<number>('totalDecodeTime'),
        freezeCount: pick<number>('freezeCount'),
        totalFreezesDuration: pick<number>('totalFreezesDuration'),
        framesDropped: pick<number>('framesDropped'),
        frameWidth: pick<number>('frameWidth'),
        frameHeight: pick<number>('frameHeight'),
        encoderImplementation: pick<string>('encoderImplementation'),
        decoderImplementation: pick<string>('decoderImplementation'),
        qualityLimitationReason: pick<string>('qualityLimitationReason'),
        bytesSent: pick<number>('bytesSent'),
        targetBitrate: pick<number>('targetBitrate'),
        availableOutgoingBitrate: pair?.availableOutgoingBitrate as number | undefined,
      };
    },
    { which, direction },
  );
}

/** Starts reading the clock from every decoded frame of the last matching <video>. */
export async function startClockReader(page: Page, videoSelector: string, clock: ClockPlacement, screen: { width: number; height: number }): Promise<void> {
  await page.evaluate(
    ({ videoSelector, clock, screen }) => {
      const videos = [...document.querySelectorAll<HTMLVideoElement>(videoSelector)].filter((video) => video.readyState >= 2);
      const video = videos.at(-1);
      if (!video) throw new Error(`no playing ${videoSelector}`);
      const { bars } = clock;
      const width = bars.bits * bars.barWidth;
      const height = bars.barHeight * 2 + bars.rowGap;
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D;
      const modulus = 2 ** bars.bits;
      const readings = { drawToDecodeMs: [] as number[], drawToPresentMs: [] as number[], frames: 0, unreadable: 0, longGaps: 0, longestGapMs: 0 };
      let lastFrameAt: number | undefined;
      let running = true;

      const read = (): number | undefined => {
        const scale = video.videoWidth / screen.width;
        const sx = (clock.screenX + bars.left) * scale;
        const sy = (clock.screenY + bars.top) * scale;
        canvas.width = Math.max(1, Math.round(width * scale));
        canvas.height = Math.max(1, Math.round(height * scale));
        context.drawImage(video, sx, sy, width * scale, height * scale, 0, 0, canvas.width, canvas.height);
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
        const luma = (x: number, y: number) => {
          const index = (Math.round(y * scale) * pixels.width + Math.round(x * scale)) * 4;
          const d = pixels.data;
          return 0.299 * (d[index] ?? 0) + 0.587 * (d[index + 1] ?? 0) + 0.114 * (d[index + 2] ?? 0);
        };
        let value = 0;
        for (let bit = 0; bit < bars.bits; bit += 1) {
          const x = bit * bars.barWidth + bars.barWidth / 2;
          const upper = luma(x, bars.barHeight / 2);
          const lower = luma(x, bars.barHeight + bars.rowGap + bars.barHeight / 2);
          const one = upper > 128;
          if (Math.abs(upper - 128) < 50 || Math.abs(lower - 128) < 50 || one === lower > 128) return undefined;
          value = value * 2 + (one ? 1 : 0);
        }
        return value;
      };

      const onFrame = (now: number, metadata: VideoFrameCallbackMetadata & { receiveTime?: number; processingDuration?: number }) => {
        if (!running) return;
        readings.frames += 1;
        if (lastFrameAt !== undefined) {
          const gap = now - lastFrameAt;
          readings.longestGapMs = Math.max(readings.longestGapMs, gap);
          if (gap > 500) readings.longGaps += 1;
        }
        lastFrameAt = now;
        const value = read();
        if (value === undefined) readings.unreadable += 1;
        else {
          const nowEpoch = Math.floor(performance.timeOrigin + performance.now());
          const drawn = nowEpoch - ((((nowEpoch % modulus) - value) % modulus) + modulus) % modulus;
          const decodedAt =
            metadata.receiveTime !== undefined
              ? metadata.receiveTime + (metadata.processingDuration ?? 0) * 1000
              : metadata.presentationTime;
          readings.drawToDecodeMs.push(performance.timeOrigin + decodedAt - drawn);
          readings.drawToPresentMs.push(performance.timeOrigin + metadata.presentationTime - drawn);
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      window.__clockReader = {
        stop() {
          running = false;
          return readings;
        },
      };
    },
    { videoSelector, clock, screen },
  );
}

export function stopClockReader(page: Page): Promise<ClockReadings> {
  return page.evaluate(() => {
    const reader = window.__clockReader;
    if (!reader) throw new Error('no clock reader running');
    return reader.stop();
  });
}
