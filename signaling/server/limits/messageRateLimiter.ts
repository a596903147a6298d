import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Messages per connection. Generous for WebRTC signaling (dozens of ICE candidates in a burst),
 * tight enough that one flooding client cannot starve everyone else.
 */
export const MESSAGES_PER_WINDOW = 120;
export const MESSAGE_WINDOW_SECONDS = 2;

export class MessageRateLimiter {
  private readonly limiter = new RateLimiterMemory({ points: MESSAGES_PER_WINDOW, duration: MESSAGE_WINDOW_SECONDS });

  /** Resolves true when the message may be handled. */
  async allow(connectionId: string): Promise<boolean> {
    try {
      await this.limiter.consume(connectionId);
      return true;
    } catch (error) {
      if (error instanceof RateLimiterRes) return false;
      throw error;
    }
  }

  forget(connectionId: string): void {
    void this.limiter.delete(connectionId);
  }
}
