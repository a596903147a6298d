import type { WebSocket } from 'ws';
import type { Role, ServerMessage } from '../../protocol';
import type { AgentAccount } from '../accounts/accountDirectory';
import { wireTextOf } from './wireText';

/** One signaling socket, with what the server knows about its sender (never what it claims). */
export class ClientConnection {
  /** Set when the socket answers a ping; cleared before each heartbeat ping. */
  alive = true;
  /** Whether the versioned hello arrived (nothing else is handled before it). */
  private hello: 'expected' | 'received' = 'expected';
  private helloTimer: NodeJS.Timeout | undefined;
  /** Sessions this connection takes part in: many for an agent, at most one for a customer. */
  readonly sessionIds = new Set<string>();
  /** The browser's User-Agent header, for the audit trail. */
  userAgent: string | undefined;
  /** Messages that arrived while an earlier one was still being handled, oldest first. */
  private readonly waiting: Array<() => Promise<void> | undefined> = [];
  private busy = false;
  /** Work due later for one of this connection's sessions (e.g. renewing its TURN credentials). */
  private readonly sessionTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    readonly id: string,
    readonly role: Role,
    readonly ip: string,
    readonly socket: WebSocket,
    readonly agent: AgentAccount | undefined,
    /** The agent's sign-in this socket was opened with (its id and when it expires). */
    readonly signIn?: { readonly id: string; readonly expiresAt: number },
  ) {}

  get greeted(): boolean {
    return this.hello === 'received';
  }

  /** Runs `missing` unless the hello arrives within `timeoutMs`. */
  expectHello(timeoutMs: number, missing: () => void): void {
    this.helloTimer = setTimeout(missing, timeoutMs);
    this.helloTimer.unref();
  }

  /**
   * The hello arrived: its timer goes at once rather than firing later for nothing (a burst of
   * connections would otherwise be a burst of timers ten seconds on, in the middle of relaying).
   */
  greet(): void {
    this.hello = 'received';
    clearTimeout(this.helloTimer);
    this.helloTimer = undefined;
  }

  /**
   * Messages are handled one after another, in the order they arrived. Work that finishes
   * synchronously (returns undefined) lets the next run at once, without a promise per message;
   * work that returns a promise holds the rest until it settles. `work` must not throw.
   */
  enqueue(work: () => Promise<void> | undefined): void {
    if (this.busy) this.waiting.push(work);
    else this.drain(work);
  }

  private drain(first: (() => Promise<void> | undefined) | undefined): void {
    this.busy = true;
    for (let work = first; work; work = this.waiting.shift()) {
      const pending = work();
      if (pending) {
        pending.then(this.resume, this.resume);
        return;
      }
    }
    this.busy = false;
  }

  private readonly resume = (): void => this.drain(this.waiting.shift());

  /**
   * Runs `work` in `delayMs` if this connection is then still open and in the session; replaces
   * earlier work for that session. Dropped when the session ends here or the socket closes.
   */
  scheduleForSession(sessionId: string, delayMs: number, work: () => void): void {
    clearTimeout(this.sessionTimers.get(sessionId));
    const timer = setTimeout(() => {
      this.sessionTimers.delete(sessionId);
      if (this.sessionIds.has(sessionId) && this.socket.readyState === this.socket.OPEN) work();
    }, delayMs);
    timer.unref();
    this.sessionTimers.set(sessionId, timer);
  }

  /** The socket closed: nothing scheduled for it runs any more. */
  dropScheduled(): void {
    clearTimeout(this.helloTimer);
    for (const timer of this.sessionTimers.values()) clearTimeout(timer);
    this.sessionTimers.clear();
  }

  send(message: ServerMessage): void {
    if (message.type === 'session.ended') {
      this.sessionIds.delete(message.sessionId);
      clearTimeout(this.sessionTimers.get(message.sessionId));
      this.sessionTimers.delete(message.sessionId);
    }
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(wireTextOf(message));
  }
}
