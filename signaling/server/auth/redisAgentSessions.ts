import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AgentAccount } from '../accounts/accountDirectory';
import { newSessionToken, tokenDigest, type AgentSessions } from './agentSessions';

const StoredAgent = z.object({ username: z.string(), displayName: z.string() });

/**
 * Sign-ins in Redis, one key per sign-in that expires with it (PX), so every node sees the same
 * sign-ins: no sticky routing for agents, and a sign-out on one node is a sign-out everywhere.
 */
export class RedisAgentSessions implements AgentSessions {
  constructor(
    private readonly redis: Redis,
    private readonly lifetimeMs: number,
    private readonly prefix: string,
  ) {}

  async create(agent: AgentAccount): Promise<{ token: string; maxAgeSeconds: number }> {
    const token = newSessionToken();
    const stored: AgentAccount = { username: agent.username, displayName: agent.displayName };
    await this.redis.set(this.keyOf(token), JSON.stringify(stored), 'PX', this.lifetimeMs);
    return { token, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) };
  }

  async find(token: string | undefined): Promise<AgentAccount | undefined> {
    if (!token) return undefined;
    const text = await this.redis.get(this.keyOf(token));
    if (text === null) return undefined;
    const parsed = StoredAgent.safeParse(safeJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) await this.redis.del(this.keyOf(token));
  }

  private keyOf(token: string): string {
    return `${this.prefix}agent-signin:${tokenDigest(token)}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
