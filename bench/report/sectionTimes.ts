/**
 * Wall-clock seconds per section of one run, in the order they ran, so an operator sees where the
 * minutes of `npm run bench` go (printed under the table and saved with the run).
 */
export interface SectionTime {
  /** e.g. "signaling", "join", "uplink 1 Mbit/s": a section, or a part of one. */
  name: string;
  seconds: number;
  /** What the time includes besides the measurement itself, e.g. "with opening the shared stage". */
  note?: string;
}

export class SectionClock {
  readonly times: SectionTime[] = [];

  async time<T>(name: string, work: () => Promise<T>, note?: string): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.times.push({ name, seconds: (performance.now() - started) / 1000, ...(note ? { note } : {}) });
    }
  }
}

/** "Time per section: signaling 67 s, join 83 s (with …), …" as one plain line per section. */
export function renderSectionTimes(times: readonly SectionTime[], totalSeconds: number): string {
  const width = Math.max(...times.map((time) => time.name.length), 'total'.length);
  const line = (name: string, seconds: number, note?: string) =>
    `  ${name.padEnd(width)}  ${Math.round(seconds).toString().padStart(4)} s${note ? `  (${note})` : ''}`;
  return ['Time per section (wall clock):', ...times.map((time) => line(time.name, time.seconds, time.note)), line('total', totalSeconds)].join('\n');
}
