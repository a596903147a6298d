import type { PointerMark } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';

/** What the customer sees of the agent's marks right now. */
export interface MarksView {
  /** The spot the agent points at, 0..1 of the shared surface; null when there is none (or it faded). */
  point: { x: number; y: number } | null;
  /** Lines the agent drew in the last few seconds, each as 0..1 points. */
  strokes: (readonly (readonly [number, number])[])[];
}

/** A pointed spot and a drawn line fade after this long. */
export const MARK_VISIBLE_MS = 4_000;
/** At most this many marks per second are shown (a burst of this size is allowed); the rest are dropped. */
export const MARKS_PER_SECOND = 30;
const MAX_STROKES = 40;

/**
 * The agent's marks as they arrive over the data channel (already validated by the schema):
 * limited in rate, kept only while visible, and not shown at all when the customer turned them off.
 */
export class AgentMarks {
  private tokens = MARKS_PER_SECOND;
  private refilledAt: number;
  private point: { x: number; y: number; at: number } | null = null;
  private strokes: { points: readonly (readonly [number, number])[]; at: number }[] = [];
  private fadeTimer: unknown = null;
  shown = true;

  constructor(
    private readonly clock: Clock,
    private readonly changed: () => void,
  ) {
    this.refilledAt = clock.now();
  }

  receive(mark: PointerMark): void {
    if (!this.shown || !this.take()) return;
    const at = this.clock.now();
    if (mark.type === 'pointer.point') this.point = { x: mark.x, y: mark.y, at };
    else this.strokes = [...this.strokes, { points: mark.points, at }].slice(-MAX_STROKES);
    this.scheduleFade();
    this.changed();
  }

  /** The customer's "Show the agent's marks" switch. */
  setShown(shown: boolean): void {
    this.shown = shown;
    if (!shown) this.clear();
    this.changed();
  }

  view(): MarksView {
    return { point: this.point ? { x: this.point.x, y: this.point.y } : null, strokes: this.strokes.map((stroke) => stroke.points) };
  }

  clear(): void {
    this.point = null;
    this.strokes = [];
    if (this.fadeTimer !== null) this.clock.clearTimeout(this.fadeTimer);
    this.fadeTimer = null;
  }

  private take(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(MARKS_PER_SECOND, this.tokens + ((now - this.refilledAt) * MARKS_PER_SECOND) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private scheduleFade(): void {
    if (this.fadeTimer !== null) return;
    this.fadeTimer = this.clock.setTimeout(() => {
      this.fadeTimer = null;
      const cutoff = this.clock.now() - MARK_VISIBLE_MS;
      if (this.point && this.point.at <= cutoff) this.point = null;
      this.strokes = this.strokes.filter((stroke) => stroke.at > cutoff);
      if (this.point || this.strokes.length > 0) this.scheduleFade();
      this.changed();
    }, MARK_VISIBLE_MS / 4);
  }
}
