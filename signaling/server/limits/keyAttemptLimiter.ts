import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';

export type AttemptVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Failed key attempts, counted per IP address and across the whole server. Either limit reached
 * locks key entry until its window passes. Only failures count: a customer with the right key is
 * never slowed down, and typos caught by the check digit never reach the server.
 */
export class KeyAttemptLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly global: RateLimiterAbstract;

  constructor(
    private readonly limits: Config['keyAttempts'],
    create: (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract = (opts) =>
      new RateLimiterMemory(opts),
  ) {
    this.perIp = create({ keyPrefix: 'key-ip', points: limits.perIp, duration: limits.perIpWindowMs / 1000 });
    this.global = create({ keyPrefix: 'key-all', points: limits.global, duration: limits.globalWindowMs / 1000 });
  }

  async check(ip: string): Promise<AttemptVerdict> {
    const [ipState, globalState] = await Promise.all([this.perIp.get(ip), this.global.get('all')]);
    const waits = [
      ipState && ipState.consumedPoints >= this.limits.perIp ? ipState.msBeforeNext : 0,
      globalState && globalState.consumedPoints >= this.limits.global ? globalState.msBeforeNext : 0,
    ];
    const retryAfterMs = Math.max(...waits);
    return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
  }

  async recordFailure(ip: string): Promise<void> {
    await Promise.all([swallowLimit(this.perIp.consume(ip)), swallowLimit(this.global.consume('all'))]);
  }
}

/** rate-limiter-flexible rejects with a RateLimiterRes when points run out; that is expected here. */
async function swallowLimit(attempt: Promise<RateLimiterRes>): Promise<void> {
  try {
    await attempt;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
  }
}
