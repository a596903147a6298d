import { tokenDigest } from '../agentSessions';
import { newPendingId, PENDING_LIFETIME_MS, type PendingSignIn, type PendingSignIns } from './pendingSignIns';

/** Enough for every agent of a large team starting at once; beyond it the oldest are dropped. */
const MAX_PENDING = 10_000;

/** Pending sign-ins of this process (without REDIS_URL). */
export class MemoryPendingSignIns implements PendingSignIns {
  private readonly byDigest = new Map<string, { pending: PendingSignIn; expiresAt: number }>();

  constructor(private readonly lifetimeMs = PENDING_LIFETIME_MS) {}

  async put(pending: PendingSignIn): Promise<string> {
    this.forgetExpired();
    while (this.byDigest.size >= MAX_PENDING) {
      const oldest = this.byDigest.keys().next();
      if (oldest.done) break;
      this.byDigest.delete(oldest.value);
    }
    const id = newPendingId();
    this.byDigest.set(tokenDigest(id), { pending, expiresAt: Date.now() + this.lifetimeMs });
    return id;
  }

  async take(id: string | undefined): Promise<PendingSignIn | undefined> {
    if (!id) return undefined;
    const digest = tokenDigest(id);
    const entry = this.byDigest.get(digest);
    this.byDigest.delete(digest);
    return entry && entry.expiresAt > Date.now() ? entry.pending : undefined;
  }

  private forgetExpired(): void {
    const now = Date.now();
    for (const [digest, entry] of this.byDigest) if (entry.expiresAt <= now) this.byDigest.delete(digest);
  }
}
