/**
 * Messages per connection. Generous for WebRTC signaling (dozens of ICE candidates in a burst),
 * tight enough that one flooding client cannot starve everyone else.
 */
export const MESSAGES_PER_WINDOW = 120;
export const MESSAGE_WINDOW_SECONDS = 2;
const WINDOW_MS = MESSAGE_WINDOW_SECONDS * 1000;

interface Window {
  startedAt: number;
  count: number;
}

/**
 * A fixed window per connection (the first message opens it), as rate-limiter-flexible's
 * RateLimiterMemory counted before. Written out because it runs for every received frame:
 * the library answers with a promise and keeps a timer per key, which cost about a tenth of the
 * server's CPU per relayed message; this is a map lookup and a comparison, decided synchronously.
 * Entries live as long as their socket: the socket server forgets them on close.
 */
export class MessageRateLimiter {
  private readonly windows = new Map<string, Window>();

  /** True when the message may be handled. */
  allow(connectionId: string): boolean {
    const now = Date.now();
    const window = this.windows.get(connectionId);
    if (!window) {
      this.windows.set(connectionId, { startedAt: now, count: 1 });
      return true;
    }
    if (now - window.startedAt >= WINDOW_MS) {
      window.startedAt = now;
      window.count = 1;
      return true;
    }
    window.count += 1;
    return window.count <= MESSAGES_PER_WINDOW;
  }

  forget(connectionId: string): void {
    this.windows.delete(connectionId);
  }
}
