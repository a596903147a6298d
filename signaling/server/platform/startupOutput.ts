import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';

/** More lines than this before the banner are not held back any longer (a start that hangs still shows why). */
const MAX_HELD_LINES = 200;
/** Fastify's own "Server listening at http://…" (one per interface): the banner names the addresses that matter. */
const LISTENING_LINE = /"msg":"Server listening at /;

interface Terminal {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Where the server's log lines go: held back until the start banner is out, so the banner is the
 * first thing an operator reads; readable (pino-pretty) when stdout is a terminal, JSON lines
 * otherwise (for log collectors).
 */
export class StartupOutput implements DestinationStream {
  private held: string[] | null = [];
  private readonly pretty: ((line: string) => string) | null;

  constructor(private readonly out: Terminal) {
    this.pretty = out.isTTY ? prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }) : null;
  }

  write(line: string): void {
    if (this.held && this.held.length < MAX_HELD_LINES) this.held.push(line);
    else this.print(line);
  }

  /** Prints the banner, then what was logged while the server started. */
  banner(text: string): void {
    this.out.write(`${text}\n`);
    this.release();
  }

  /** Lets held lines out without a banner (the start failed: they may say why). */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const line of held) this.print(line);
  }

  // Not named "emit": pino calls a destination's emit() with its own events.
  private print(line: string): void {
    if (!this.pretty) {
      this.out.write(line);
      return;
    }
    if (LISTENING_LINE.test(line)) return;
    this.out.write(this.pretty(line));
  }
}
