import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { takePoint, type LimiterFactory } from './takePoint';

/**
 * Keys one agent account may have issued per minute (new sessions, "New key", chat requests),
 * from all its sockets on all nodes together. Every key is remembered for an hour after it dies
 * (so it is never handed out again while a customer may still type it): without this budget one
 * account could fill that memory at hundreds of keys a second.
 */
export class AgentKeyLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(perMinute: number, create: LimiterFactory = (options) => new RateLimiterMemory(options)) {
    this.limiter = create({ keyPrefix: 'agent-keys', points: perMinute, duration: 60 });
  }

  /** true when the account may have one more key now; otherwise how long until it may. */
  take(username: string): Promise<true | number> {
    return takePoint(this.limiter, username);
  }
}
