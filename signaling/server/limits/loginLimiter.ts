import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

const WINDOW_SECONDS = 15 * 60;

/** Failed agent sign-ins per IP; a success does not reset it (no oracle for guessing). */
export class LoginLimiter {
  private readonly limiter: RateLimiterMemory;

  constructor(private readonly maxFailures: number) {
    this.limiter = new RateLimiterMemory({ keyPrefix: 'login', points: maxFailures, duration: WINDOW_SECONDS });
  }

  async retryAfterMs(ip: string): Promise<number> {
    const state = await this.limiter.get(ip);
    return state && state.consumedPoints >= this.maxFailures ? state.msBeforeNext : 0;
  }

  async recordFailure(ip: string): Promise<void> {
    try {
      await this.limiter.consume(ip);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
    }
  }
}
