/**
 * The wall clock minus the monotonic clock, in ms: constant while nobody sets the clock. This
 * machine's clock is stepped now and then (+15 s during one quick run; +43 s in 20 minutes).
 * Browsers stamp times as timeOrigin + performance.now(), so two pages created on either side of
 * a step disagree by the step: every figure that compares times across pages or browsers (clock
 * bars, join phases, "readable after") is then off by that much.
 */
export function wallClockOffsetMs(wallMs = Date.now(), monotonicEpochMs = performance.timeOrigin + performance.now()): number {
  return wallMs - monotonicEpochMs;
}

/** One line for the table when the clock moved by more than `toleranceMs` between two offsets. */
export function wallClockWarning(startOffsetMs: number, endOffsetMs: number, toleranceMs = 50): string | undefined {
  const stepMs = endOffsetMs - startOffsetMs;
  if (Math.abs(stepMs) <= toleranceMs) return undefined;
  return (
    `the wall clock was set by ${(stepMs / 1000).toFixed(1)} s during this run: figures that compare times across pages or browsers ` +
    '(draw → decode, join phases, first frame, readable after) may be off by that much; run again'
  );
}
