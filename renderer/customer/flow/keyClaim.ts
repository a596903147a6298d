import { normalizeKey } from '../../../signaling/protocol';
import type { Clock } from '../../shared/clock';
import type { CustomerLink } from './customerLink';
import { NamedTimers } from './namedTimers';

/** No answer to a key within this time: the server is treated as unreachable. */
export const CLAIM_TIMEOUT_MS = 15_000;

/**
 * The key step's conversation with the server: sends a typed key with a reference of its own,
 * tells which reply answers it, gives up after CLAIM_TIMEOUT_MS, and holds the block a server
 * sets after too many wrong keys.
 */
export class KeyClaim {
  private pending: string | null = null;
  private count = 0;
  private readonly timers: NamedTimers<'claim' | 'unblock'>;

  constructor(private readonly clock: Clock) {
    this.timers = new NamedTimers(clock);
  }

  /**
   * Sends the key: a claim, or from a browser that cannot share a check that leaves the key
   * unused (its agent learns why). `timedOut` runs when no answer came in time.
   */
  send(link: CustomerLink, keyText: string, canCapture: boolean, timedOut: () => void): void {
    const ref = `claim-${++this.count}`;
    this.pending = ref;
    link.send({ type: canCapture ? 'key.claim' : 'key.cannotShare', key: normalizeKey(keyText), ref });
    this.timers.start('claim', CLAIM_TIMEOUT_MS, () => {
      this.pending = null;
      timedOut();
    });
  }

  /** Whether a reply is the answer to the key we wait on (one without a ref answers any); if so, the wait ends. */
  answers(ref: string | undefined): boolean {
    if (ref !== undefined && ref !== this.pending) return false;
    this.settle();
    return true;
  }

  /** No more waiting for an answer. */
  settle(): void {
    this.timers.clear('claim');
    this.pending = null;
  }

  /** The server blocks new keys until `until`; `unblocked` runs when that time has come. */
  blockUntil(until: number, unblocked: () => void): void {
    this.timers.start('unblock', Math.max(0, until - this.clock.now()), unblocked);
  }

  /** The session is over: no wait and no block survive it. */
  stop(): void {
    this.settle();
    this.timers.clear('unblock');
  }
}
