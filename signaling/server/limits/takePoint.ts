import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export type LimiterFactory = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

/** true when a point was taken; otherwise how long until one is free again. */
export async function takePoint(limiter: RateLimiterAbstract, key: string): Promise<true | number> {
  try {
    await limiter.consume(key);
    return true;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    await limiter.reward(key, 1); // a refused consume still counted; undo it so the lock does not grow
    return Math.max(1, error.msBeforeNext);
  }
}
