import type { Role } from '../../protocol';

/**
 * One timer per session member that went away: when it fires, the session ends unless that member
 * came back. Plain setTimeout, so tests drive it with fake timers like the key expiry.
 */
export class GraceTimers {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  schedule(sessionId: string, role: Role, delayMs: number, onExpire: () => void): void {
    this.cancel(sessionId, role);
    const name = `${sessionId}/${role}`;
    const timer = setTimeout(() => {
      this.timers.delete(name);
      onExpire();
    }, Math.max(0, delayMs));
    timer.unref();
    this.timers.set(name, timer);
  }

  cancel(sessionId: string, role: Role): void {
    const name = `${sessionId}/${role}`;
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
  }

  cancelAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
