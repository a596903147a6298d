import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AgentAccount } from '../accounts/accountDirectory';
import { newSessionToken, tokenDigest, type AgentSessions, type StoredSignIn } from './agentSessions';
import { safeJson } from '../cluster/safeJson';

const StoredValue = z.object({
  username: z.string(),
  displayName: z.string(),
  expiresAt: z.number().int(),
  stamp: z.string(),
  idToken: z.string().max(16_384).optional(),
});

/**
 * Sign-ins in Redis, one key per sign-in that expires with it (PX), so every node sees the same
 * sign-ins: no sticky routing for agents, and a sign-out on one node is a sign-out everywhere.
 * A set per agent lists its sign-ins, so revoking the agent's access ends all of them.
 */
export class RedisAgentSessions implements AgentSessions {
  constructor(
    private readonly redis: Redis,
    private readonly lifetimeMs: number,
    private readonly prefix: string,
  ) {}

  async create(agent: AgentAccount, stamp: string, idToken?: string): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = newSessionToken();
    const stored: z.infer<typeof StoredValue> = {
      username: agent.username,
      displayName: agent.displayName,
      expiresAt: Date.now() + this.lifetimeMs,
      stamp,
      ...(idToken ? { idToken } : {}),
    };
    const mine = this.setOf(agent.username);
    await this.redis
      .multi()
      .set(this.keyOf(tokenDigest(token)), JSON.stringify(stored), 'PX', this.lifetimeMs)
      .sadd(mine, tokenDigest(token))
      .pexpire(mine, this.lifetimeMs)
      .exec();
    return { token, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) };
  }

  async find(token: string | undefined): Promise<StoredSignIn | undefined> {
    if (!token) return undefined;
    const id = tokenDigest(token);
    const text = await this.redis.get(this.keyOf(id));
    if (text === null) return undefined;
    const parsed = StoredValue.safeParse(safeJson(text));
    if (!parsed.success) return undefined;
    const { username, displayName, expiresAt, stamp, idToken } = parsed.data;
    // The stored expiry decides, not Redis's own key expiry: that starts when Redis ran the SET, a
    // little later than expiresAt was computed, and the sockets' expiry timers go by expiresAt.
    if (expiresAt <= Date.now()) return undefined;
    return { agent: { username, displayName }, id, expiresAt, stamp, ...(idToken ? { idToken } : {}) };
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.redis.del(this.keyOf(tokenDigest(token)));
  }

  async destroyAllOf(username: string): Promise<void> {
    const mine = this.setOf(username);
    const digests = await this.redis.smembers(mine);
    await this.redis.del(mine, ...digests.map((digest) => this.keyOf(digest)));
  }

  private keyOf(digest: string): string {
    return `${this.prefix}agent-signin:${digest}`;
  }

  private setOf(username: string): string {
    return `${this.prefix}agent-signins-of:${username.toLowerCase()}`;
  }
}
