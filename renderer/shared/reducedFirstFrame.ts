import { realClock, type Clock } from './clock';

/**
 * The first frame of a new picture is a key frame of the whole screen, and at 1920×1080 it is
 * most of the wait between the capture and the agent's first picture: encoded in software, then
 * paced out at the connection's start rate. At half the width and height it is a quarter of the
 * pixels. So a new picture starts scaled down, and as soon as the encoder has made its first
 * frame it goes back to full size: the agent sees the screen sooner, and the sharp picture (a new
 * key frame) right after it.
 */
export const FIRST_FRAME_SCALE_DOWN_BY = 2;
/** How often the encoder's count of frames is read while waiting for the first one. */
export const FIRST_FRAME_POLL_MS = 20;
/** Full size again after this long whatever the encoder says (e.g. the picture was paused at once). */
export const FIRST_FRAME_MAX_MS = 2_000;

export class ReducedFirstFrame {
  private reduced = false;
  private generation = 0;
  private pollTimer: unknown = null;
  private limitTimer: unknown = null;

  constructor(private readonly clock: Clock = realClock) {}

  /** What the picture's encoding is scaled down by now (1: full size). */
  get scaleDownBy(): number {
    return this.reduced ? FIRST_FRAME_SCALE_DOWN_BY : 1;
  }

  /** A new picture is coming: from now on it is scaled down (apply the tuning after this). */
  begin(): void {
    this.end();
    this.reduced = true;
  }

  /**
   * The picture's track is in the sender: once `framesEncoded()` reports a frame, or after
   * FIRST_FRAME_MAX_MS, the picture is full size again and `onFullSize` applies that.
   */
  watch(framesEncoded: () => Promise<number>, onFullSize: () => void): void {
    if (!this.reduced || this.limitTimer !== null) return;
    const generation = this.generation;
    const fullSize = () => {
      if (generation !== this.generation) return;
      this.end();
      onFullSize();
    };
    const poll = () => {
      this.pollTimer = null;
      framesEncoded().then(
        (frames) => {
          if (generation !== this.generation) return;
          if (frames > 0) fullSize();
          else this.pollTimer = this.clock.setTimeout(poll, FIRST_FRAME_POLL_MS);
        },
        () => fullSize(),
      );
    };
    this.limitTimer = this.clock.setTimeout(fullSize, FIRST_FRAME_MAX_MS);
    poll();
  }

  /** Full size from now on, without a callback (the capture did not come, or the peer is gone). */
  end(): void {
    this.generation += 1;
    this.reduced = false;
    if (this.pollTimer !== null) this.clock.clearTimeout(this.pollTimer);
    if (this.limitTimer !== null) this.clock.clearTimeout(this.limitTimer);
    this.pollTimer = null;
    this.limitTimer = null;
  }
}

/** The number of frames the encoder of this sender has made so far (0 before its first). */
export async function framesEncoded(sender: RTCRtpSender): Promise<number> {
  let frames = 0;
  (await sender.getStats()).forEach((stat: { type?: string; framesEncoded?: number }) => {
    if (stat.type === 'outbound-rtp') frames = Math.max(frames, stat.framesEncoded ?? 0);
  });
  return frames;
}
