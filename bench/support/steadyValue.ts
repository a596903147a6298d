export interface SteadyOptions {
  /** Time between two samples. */
  intervalMs: number;
  /** How long the samples must stay within `tolerance` of each other to count as steady. */
  steadyMs: number;
  /** Largest relative spread (max − min) / max among the samples of the last `steadyMs`. */
  tolerance: number;
  /** Give up waiting after this long (the fixed wait this replaces): not an error. */
  maxMs: number;
}

/**
 * Samples a value (e.g. the sender's bandwidth estimate) until it has stayed steady for
 * `steadyMs`, or `maxMs` passed. A sample that is not a finite number (not reported yet) is never
 * steady. Timed in samples, so it runs under fake timers: the wait is at least `steadyMs` and at
 * most about `maxMs` plus the time the samples themselves take.
 */
export async function waitUntilSteady(sample: () => Promise<number>, options: SteadyOptions): Promise<{ waitedMs: number; steady: boolean }> {
  const window = Math.max(1, Math.ceil(options.steadyMs / options.intervalMs)) + 1;
  const maxSamples = Math.max(window, Math.floor(options.maxMs / options.intervalMs) + 1);
  const values: number[] = [];
  for (let taken = 1; taken <= maxSamples; taken += 1) {
    values.push(await sample());
    const recent = values.slice(-window);
    if (recent.length === window && isSteady(recent, options.tolerance)) {
      return { waitedMs: (taken - 1) * options.intervalMs, steady: true };
    }
    if (taken < maxSamples) await sleep(options.intervalMs);
  }
  return { waitedMs: (maxSamples - 1) * options.intervalMs, steady: false };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isSteady(values: readonly number[], tolerance: number): boolean {
  if (!values.every(Number.isFinite)) return false;
  const high = Math.max(...values);
  const low = Math.min(...values);
  return high === low || (high > 0 && (high - low) / high <= tolerance);
}
