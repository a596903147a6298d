/**
 * One timer per session whose key is waiting to be claimed. When it fires, the key dies and the
 * agent is told; the session itself stays so the agent can issue a new key.
 */
export class KeyExpiryTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(sessionId: string, expiresAt: number, onExpire: () => void): void {
    this.cancel(sessionId);
    const timer = setTimeout(() => {
      this.timers.delete(sessionId);
      onExpire();
    }, Math.max(0, expiresAt - Date.now()));
    timer.unref();
    this.timers.set(sessionId, timer);
  }

  cancel(sessionId: string): void {
    const timer = this.timers.get(sessionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(sessionId);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
