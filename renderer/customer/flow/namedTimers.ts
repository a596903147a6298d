import type { Clock } from '../../shared/clock';

/** One-shot timers by name: starting a name again replaces its earlier timer. */
export class NamedTimers<Name extends string> {
  private readonly handles = new Map<Name, unknown>();

  constructor(private readonly clock: Clock) {}

  start(name: Name, ms: number, callback: () => void): void {
    this.clear(name);
    this.handles.set(
      name,
      this.clock.setTimeout(() => {
        this.handles.delete(name);
        callback();
      }, ms),
    );
  }

  has(name: Name): boolean {
    return this.handles.has(name);
  }

  clear(...names: Name[]): void {
    for (const name of names) {
      if (!this.handles.has(name)) continue;
      this.clock.clearTimeout(this.handles.get(name));
      this.handles.delete(name);
    }
  }
}
