import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 15 * 60;

export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/**
 * Failed agent sign-ins per IP; a success does not reset it (no oracle for guessing). In this
 * process by default; pass a RateLimiterRedis factory to count failures on every node together.
 */
export class LoginLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    private readonly maxFailures: number,
    create: LimiterFactory = (options) => new RateLimiterMemory(options),
  ) {
    this.limiter = create({ keyPrefix: 'login', points: maxFailures, duration: WINDOW_SECONDS });
  }

  async retryAfterMs(ip: string): Promise<number> {
    const state = await this.limiter.get(ip);
    return state && state.consumedPoints >= this.maxFailures ? Math.max(1, state.msBeforeNext) : 0;
  }

  async recordFailure(ip: string): Promise<void> {
    try {
      await this.limiter.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }
}
