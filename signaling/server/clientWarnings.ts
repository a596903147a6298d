import type { Logger } from './log';
import { addressBucket } from './network/addressBucket';

/** Lines of one warning one client (address, IPv6 /64) may cause per window; then they are counted. */
export const WARNINGS_PER_CLIENT = 5;
/** Lines of one warning all clients together may cause per window (a botnet has many addresses). */
export const WARNINGS_PER_EVENT = 100;
export const WARNING_WINDOW_MS = 60_000;

interface Tally {
  logged: number;
  suppressed: number;
}

/**
 * Warnings a client can trigger at will (a refused resume, socket or chat, a locked-out key
 * attempt) go through here, so a client cannot flood the log: the first few per client and
 * window are logged as they come, the rest only counted, and at the end of the window one line
 * per warning says how many were left out and from how many addresses.
 */
export class ClientWarnings {
  private readonly perClient = new Map<string, Tally>();
  private readonly perEvent = new Map<string, Tally & { clients: Set<string> }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly log: Logger) {
    this.timer = setInterval(() => this.flush(), WARNING_WINDOW_MS);
    this.timer.unref();
  }

  warn(ip: string, fields: Record<string, unknown>, message: string): void {
    const client = addressBucket(ip);
    const name = `${message}\u0000${client}`;
    const mine = this.perClient.get(name) ?? { logged: 0, suppressed: 0 };
    this.perClient.set(name, mine);
    let event = this.perEvent.get(message);
    if (!event) this.perEvent.set(message, (event = { logged: 0, suppressed: 0, clients: new Set() }));
    if (mine.logged < WARNINGS_PER_CLIENT && event.logged < WARNINGS_PER_EVENT) {
      mine.logged += 1;
      event.logged += 1;
      this.log.warn({ ip, ...fields }, message);
      return;
    }
    mine.suppressed += 1;
    event.suppressed += 1;
    // Bounded: a flood from millions of addresses counts them only up to here.
    if (event.clients.size < 10_000) event.clients.add(client);
  }

  /** Ends the window: one summary line per warning that was left out, then a fresh count. */
  flush(): void {
    for (const [message, event] of this.perEvent) {
      if (event.suppressed === 0) continue;
      this.log.warn(
        { suppressed: event.suppressed, clients: event.clients.size, windowMs: WARNING_WINDOW_MS },
        `${message} (${event.suppressed} more like it not logged)`,
      );
    }
    this.perClient.clear();
    this.perEvent.clear();
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
