import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { takePoint, type LimiterFactory } from './takePoint';

export type { LimiterFactory };

const WINDOW_SECONDS = 15 * 60;
/** Lock-outs of one username are remembered this long: each one within it doubles the next. */
const LOCKOUT_MEMORY_SECONDS = 24 * 3600;

/** One sign-in attempt that passed the limits; settle it once its password was checked. */
export interface SignInAttempt {
  /** Frees the address's place for a password check; a success gives the counted attempt back. */
  settle(success: boolean): Promise<void>;
}

export type SignInVerdict = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterMs: number };

/**
 * Agent sign-in attempts, counted BEFORE the password is checked (so a parallel burst cannot slip
 * past the limit) and given back when the password was right (a success is no oracle: a locked
 * address or username is refused even with the right password):
 * - per address: `perIp` attempts per 15 minutes;
 * - per username, from any number of addresses: `perUsername` attempts, then the username is
 *   locked for 15 minutes, doubling with every further lock-out within a day up to `maxLockMs`
 *   (so a botnet gets a few dozen guesses a day at one account);
 * - argon2 work per address: at most `concurrentPerIp` password checks of one address run at once
 *   (on this node); more are refused at once, uncounted.
 * Counters live in this process, or in Redis (every node together) with a RateLimiterRedis factory.
 */
export class LoginLimiter {
  private readonly perIp: RateLimiterAbstract;
  private readonly perUsername: RateLimiterAbstract;
  private readonly lockouts: RateLimiterAbstract;
  private readonly checking = new Map<string, number>();

  constructor(
    private readonly limits: Config['loginLimits'],
    create: LimiterFactory = (options) => new RateLimiterMemory(options),
  ) {
    this.perIp = create({ keyPrefix: 'login', points: limits.perIp, duration: WINDOW_SECONDS });
    this.perUsername = create({ keyPrefix: 'login-user', points: limits.perUsername, duration: WINDOW_SECONDS });
    this.lockouts = create({ keyPrefix: 'login-lockouts', points: 1_000_000, duration: LOCKOUT_MEMORY_SECONDS });
  }

  /** Takes one attempt for this address and (when the body named one) this username, or says how long to wait. */
  async begin(ip: string, username: string | undefined): Promise<SignInVerdict> {
    const inFlight = this.checking.get(ip) ?? 0;
    if (inFlight >= this.limits.concurrentPerIp) return { allowed: false, retryAfterMs: 1_000 };
    this.checking.set(ip, inFlight + 1);
    try {
      const ipResult = await takePoint(this.perIp, ip);
      if (ipResult !== true) return this.refused(ip, ipResult);
      const user = username?.toLowerCase();
      const userResult = user === undefined ? { locked: false } : await this.takeUsername(user);
      if (typeof userResult === 'number') {
        await this.perIp.reward(ip, 1); // not checked: the address keeps its attempt
        return this.refused(ip, userResult);
      }
      let settled = false;
      const settle = async (success: boolean) => {
        if (settled) return;
        settled = true;
        this.release(ip);
        if (!success) return;
        await this.perIp.reward(ip, 1);
        if (user === undefined) return;
        if (!userResult.locked) return void (await this.perUsername.reward(user, 1));
        // The right password on the attempt that locked the username: lift that lock.
        await Promise.all([this.perUsername.delete(user), this.lockouts.reward(user, 1)]);
      };
      return { allowed: true, attempt: { settle } };
    } catch (error) {
      this.release(ip);
      throw error;
    }
  }

  private refused(ip: string, retryAfterMs: number): SignInVerdict {
    this.release(ip);
    return { allowed: false, retryAfterMs };
  }

  private release(ip: string): void {
    const left = (this.checking.get(ip) ?? 1) - 1;
    if (left > 0) this.checking.set(ip, left);
    else this.checking.delete(ip);
  }

  /**
   * The username's attempt, or how long it is locked. The attempt that uses up its budget locks it
   * (pacing the guesses does not help): for 15 minutes times 2^(lock-outs within a day - 1), at
   * most maxLockMs. Returns whether this attempt set the lock, so a success can lift it again.
   */
  private async takeUsername(user: string): Promise<{ locked: boolean } | number> {
    let remaining: number;
    try {
      remaining = (await this.perUsername.consume(user)).remainingPoints;
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      await this.perUsername.reward(user, 1);
      return Math.max(1, error.msBeforeNext);
    }
    if (remaining > 0) return { locked: false };
    const lockouts = (await this.lockouts.consume(user)).consumedPoints;
    const lockMs = Math.min(WINDOW_SECONDS * 1000 * 2 ** (lockouts - 1), this.limits.maxLockMs);
    await this.perUsername.block(user, Math.ceil(lockMs / 1000));
    return { locked: true };
  }
}
