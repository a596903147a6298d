import type { Redis } from 'ioredis';
import { safeJson } from '../../cluster/safeJson';
import { tokenDigest } from '../agentSessions';
import { newPendingId, PENDING_LIFETIME_MS, PendingSignIn, type PendingSignIns } from './pendingSignIns';

/** Pending sign-ins in Redis: the callback may reach any node. GETDEL makes each usable once. */
export class RedisPendingSignIns implements PendingSignIns {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly lifetimeMs = PENDING_LIFETIME_MS,
  ) {}

  async put(pending: PendingSignIn): Promise<string> {
    const id = newPendingId();
    await this.redis.set(this.keyOf(id), JSON.stringify(pending), 'PX', this.lifetimeMs);
    return id;
  }

  async take(id: string | undefined): Promise<PendingSignIn | undefined> {
    if (!id) return undefined;
    const text = await this.redis.getdel(this.keyOf(id));
    if (text === null) return undefined;
    const parsed = PendingSignIn.safeParse(safeJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  private keyOf(id: string): string {
    return `${this.prefix}oidc-pending:${tokenDigest(id)}`;
  }
}
