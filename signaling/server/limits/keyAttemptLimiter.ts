import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { takePoint as take } from './takePoint';
import { addressBucket } from '../network/addressBucket';
import type { Config } from '../config';

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Key attempts, counted per IP address and across the whole server. An attempt reserves a point
 * in both counters before the key is looked up (so a burst of parallel guesses cannot slip past
 * the limit), and a successful attempt gives its points back: only failures count, and a customer
 * with the right key is never slowed down. Typos caught by the check digit never get here.
 */
export class KeyAttemptLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly global: RateLimiterAbstract;

  constructor(
    limits: Config['keyAttempts'],
    create: (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract = (opts) =>
      new RateLimiterMemory(opts),
  ) {
    this.perIp = create({ keyPrefix: 'key-ip', points: limits.perIp, duration: limits.perIpWindowMs / 1000 });
    this.global = create({ keyPrefix: 'key-all', points: limits.global, duration: limits.globalWindowMs / 1000 });
  }

  /** Takes one attempt from both budgets; refused (and nothing taken) when either is used up. */
  async reserve(address: string): Promise<AttemptVerdict> {
    const ip = addressBucket(address);
    const ipResult = await take(this.perIp, ip);
    if (ipResult !== true) return { allowed: false, retryAfterMs: ipResult };
    const globalResult = await take(this.global, 'all');
    if (globalResult !== true) {
      await this.perIp.reward(ip, 1);
      return { allowed: false, retryAfterMs: globalResult };
    }
    return { allowed: true };
  }

  /** Gives a reserved attempt back: it succeeded. */
  async refund(address: string): Promise<void> {
    const ip = addressBucket(address);
    await Promise.all([this.perIp.reward(ip, 1), this.global.reward('all', 1)]);
  }
}
