import type { TransitionTable } from './transitionTable';

/**
 * Where a resumable connection stands:
 * - idle: no socket and nothing scheduled (before the first open, after close or giving up);
 * - connecting: a first socket is being opened;
 * - open: the socket is up and the page's state on the server is current;
 * - waiting: the socket is gone, the next attempt is scheduled (backoff with jitter);
 * - reconnecting: an attempt is opening a new socket;
 * - resuming: the new socket is up, the page is taking its state back (e.g. session.resume).
 */
export type ConnectionPhase = 'idle' | 'connecting' | 'open' | 'waiting' | 'reconnecting' | 'resuming';

export type ConnectionEvent =
  /** open(): a first socket is wanted. */
  | 'open'
  /** The socket being opened said welcome. */
  | 'opened'
  /** Opening a socket failed. */
  | 'failed'
  /** The socket closed without us asking. */
  | 'dropped'
  /** lost(): the page wants its state back, so keep trying until the grace period is over. */
  | 'lost'
  /** The backoff delay is over. */
  | 'due'
  /** reconnectNow(): try at once (a reload with a saved token, a "Reconnect" button). */
  | 'retry-now'
  /** recovered(): the server gave the state back. */
  | 'recovered'
  /** retry(): the server did not give it back (no answer, refused for now): new socket, after a delay. */
  | 'retry'
  /** The grace period is over: the server has ended what we had. */
  | 'expired'
  /** close(): leave for good. */
  | 'close';

export const CONNECTION_MACHINE: TransitionTable<ConnectionPhase, ConnectionEvent> = {
  idle: { open: 'connecting', lost: 'waiting', 'retry-now': 'reconnecting', expired: 'idle' },
  connecting: { opened: 'open', failed: 'idle', close: 'idle' },
  open: { dropped: 'idle', lost: 'waiting', close: 'idle' },
  waiting: { due: 'reconnecting', 'retry-now': 'reconnecting', expired: 'idle', close: 'idle' },
  reconnecting: { opened: 'resuming', failed: 'waiting', close: 'idle' },
  resuming: { recovered: 'open', retry: 'waiting', dropped: 'idle', close: 'idle' },
};
