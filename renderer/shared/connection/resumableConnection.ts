import type { Clock } from '../clock';
import type { ConnectionClosed } from '../signalingConnection';
import { reconnectDelayMs } from './backoff';
import { CONNECTION_MACHINE, type ConnectionEvent, type ConnectionPhase } from './connectionMachine';
import { StateMachine, type Transition } from './transitionTable';

/** What the connection needs of a socket (SignalingConnection, or a page's narrower view of it). */
export interface ResumableLink {
  readonly isOpen: boolean;
  onClose(handler: (closed: ConnectionClosed) => void): () => void;
  close(): void;
}

export interface ResumableConnectionEvents<L extends ResumableLink> {
  /** A new socket is ours: attach the page's message handlers (guard them with isCurrent). */
  attached(link: L): void;
  /** An attempt's socket is up: take the page's state back, then call recovered() (or retry()). */
  reconnected(link: L): void;
  /** The socket closed without us asking; call lost() to get it back, or end. */
  dropped(closed: ConnectionClosed): void;
  /** The next attempt is scheduled; `attempt` counts them since the connection was lost (1, 2, …). */
  waiting?(attempt: number): void;
  /** An attempt could not open a socket (it is tried again unless close() was called here). */
  attemptFailed?(error: unknown): void;
  /** The grace period is over: whatever the page had on the server is gone. */
  gaveUp(): void;
}

export interface ResumableConnectionOptions<L extends ResumableLink> {
  /** Opens one socket; resolves once the server said welcome. */
  connect(): Promise<L>;
  clock: Clock;
  events: ResumableConnectionEvents<L>;
  /** How long after the loss the server keeps our state (read at each attempt); default: forever. */
  graceMs?(): number;
  /** How long to wait for recovered() on a new socket before trying another one; default: forever. */
  resumeReplyMs?: number;
  /** For the backoff's jitter. */
  random?(): number;
}

/**
 * One socket to the signaling server that comes back after it drops: the reconnect loop every
 * page uses (backoff with jitter, a grace period, a timeout for the server's answer), moved only
 * along CONNECTION_MACHINE. The page says what "back" means (recovered()) and what to do when
 * it is not (gaveUp).
 */
export class ResumableConnection<L extends ResumableLink> {
  private readonly machine: StateMachine<ConnectionPhase, ConnectionEvent>;
  private current: L | null = null;
  /** When the socket was lost while the page waits for its state; null while none is lost. */
  private lostAt: number | null = null;
  private attempt = 0;
  private attempts = 0;
  private timer: unknown = null;
  private replyTimer: unknown = null;
  /** Bumped whenever an opening socket stops being wanted, so its late arrival is closed. */
  private generation = 0;
  /** The latest open(): while connecting it is the socket being opened (only open() enters that phase). */
  private opening: Promise<L> | null = null;

  constructor(
    private readonly options: ResumableConnectionOptions<L>,
    onTransition?: (transition: Transition<ConnectionPhase, ConnectionEvent>) => void,
  ) {
    this.machine = new StateMachine(CONNECTION_MACHINE, 'idle', onTransition);
  }

  get phase(): ConnectionPhase {
    return this.machine.state;
  }

  get link(): L | null {
    return this.current;
  }

  /** Up, with the page's state current on the server (not while resuming). */
  get isOpen(): boolean {
    return this.machine.state === 'open' && this.current?.isOpen === true;
  }

  /** Attempts that reached the server since the start (1, 2, …): names each resume request. */
  get resumeAttempt(): number {
    return this.attempts;
  }

  isCurrent(link: L): boolean {
    return this.current === link;
  }

  /**
   * A first socket; rejects when it cannot be opened (nothing is retried). While one is opening,
   * the same one (a page may open ahead, e.g. while the customer types the key).
   */
  open(): Promise<L> {
    if (this.machine.state === 'open' && this.current?.isOpen) return Promise.resolve(this.current);
    if (this.machine.state === 'connecting' && this.opening) return this.opening;
    if (!this.machine.send('open')) return Promise.reject(new Error(`cannot open a connection while ${this.machine.state}`));
    this.opening = this.openFirst(++this.generation);
    return this.opening;
  }

  private async openFirst(generation: number): Promise<L> {
    let link: L;
    try {
      link = await this.options.connect();
    } catch (error) {
      if (generation === this.generation) this.machine.send('failed');
      throw error;
    }
    if (generation !== this.generation) {
      link.close();
      throw new Error('the connection was closed while it opened');
    }
    this.adopt(link);
    this.machine.send('opened');
    return link;
  }

  /** Keep trying (after a delay) until recovered() or the grace period is over. */
  lost(since?: number): void {
    if (!this.machine.can('lost')) return;
    this.lostAt ??= since ?? this.options.clock.now();
    this.dropSocket();
    this.machine.send('lost');
    this.schedule();
  }

  /** Try now rather than after the delay. */
  reconnectNow(since?: number): void {
    this.lostAt ??= since ?? this.options.clock.now();
    this.clearTimers();
    if (this.expired()) return;
    if (this.machine.send('retry-now')) void this.attemptNow();
  }

  /** The server gave our state back: the next loss starts from a short delay again. */
  recovered(): void {
    if (!this.machine.send('recovered')) return;
    this.clearTimers();
    this.lostAt = null;
    this.attempt = 0;
  }

  /** The server did not give our state back (yet): drop this socket and try another after a delay. */
  retry(): void {
    if (this.machine.state !== 'resuming') return;
    this.clearTimers();
    this.dropSocket();
    if (this.machine.send('retry')) this.schedule();
  }

  /** Leave for good: no more attempts; the socket (if any) is handed back unclosed, or closed. */
  detach(): L | null {
    const link = this.current;
    this.current = null;
    this.generation++;
    this.clearTimers();
    this.lostAt = null;
    this.attempt = 0;
    this.machine.send('close');
    return link;
  }

  close(): void {
    this.detach()?.close();
  }

  private adopt(link: L): void {
    this.current = link;
    link.onClose((closed) => {
      if (this.current !== link || closed.byUs) return;
      this.current = null;
      this.clearTimers();
      if (this.machine.send('dropped')) this.options.events.dropped(closed);
    });
    this.options.events.attached(link);
  }

  private dropSocket(): void {
    const link = this.current;
    this.current = null;
    link?.close();
  }

  private schedule(): void {
    this.clearTimers();
    const delay = reconnectDelayMs(this.attempt++, this.options.random);
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      if (this.expired()) return;
      if (this.machine.send('due')) void this.attemptNow();
    }, delay);
    this.options.events.waiting?.(this.attempt);
  }

  private expired(): boolean {
    const grace = this.options.graceMs?.() ?? Infinity;
    if (this.lostAt === null || this.options.clock.now() - this.lostAt <= grace) return false;
    if (!this.machine.send('expired')) return false;
    this.lostAt = null;
    this.attempt = 0;
    this.options.events.gaveUp();
    return true;
  }

  private async attemptNow(): Promise<void> {
    const generation = ++this.generation;
    let link: L;
    try {
      link = await this.options.connect();
    } catch (error) {
      if (generation !== this.generation) return;
      this.options.events.attemptFailed?.(error);
      if (generation === this.generation && this.machine.send('failed')) this.schedule();
      return;
    }
    if (generation !== this.generation) return link.close();
    this.attempts++;
    this.adopt(link);
    if (!this.machine.send('opened')) return;
    const { resumeReplyMs } = this.options;
    if (resumeReplyMs !== undefined) {
      this.replyTimer = this.options.clock.setTimeout(() => {
        this.replyTimer = null;
        this.retry();
      }, resumeReplyMs);
    }
    this.options.events.reconnected(link);
  }

  private clearTimers(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    if (this.replyTimer !== null) this.options.clock.clearTimeout(this.replyTimer);
    this.timer = null;
    this.replyTimer = null;
  }
}
