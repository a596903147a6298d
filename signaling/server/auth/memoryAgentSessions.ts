import type { AgentAccount } from '../accounts/accountDirectory';
import { newSessionToken, tokenDigest, type AgentSessions, type StoredSignIn } from './agentSessions';

/** Sign-ins known to this process only (the default without REDIS_URL). */
export class MemoryAgentSessions implements AgentSessions {
  private readonly byDigest = new Map<string, StoredSignIn>();

  constructor(private readonly lifetimeMs: number) {}

  async create(agent: AgentAccount, stamp: string, idToken?: string): Promise<{ token: string; maxAgeSeconds: number }> {
    this.forgetExpired();
    const token = newSessionToken();
    const id = tokenDigest(token);
    this.byDigest.set(id, { agent, id, stamp, expiresAt: Date.now() + this.lifetimeMs, ...(idToken ? { idToken } : {}) });
    return { token, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) };
  }

  async find(token: string | undefined): Promise<StoredSignIn | undefined> {
    if (!token) return undefined;
    const digest = tokenDigest(token);
    const entry = this.byDigest.get(digest);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.byDigest.delete(digest);
      return undefined;
    }
    return entry;
  }

  async destroy(token: string | undefined): Promise<void> {
    if (token) this.byDigest.delete(tokenDigest(token));
  }

  async destroyAllOf(username: string): Promise<void> {
    const name = username.toLowerCase();
    for (const [digest, entry] of this.byDigest) if (entry.agent.username.toLowerCase() === name) this.byDigest.delete(digest);
  }

  /** Sign-ins that were never signed out would otherwise stay for the life of the process. */
  private forgetExpired(): void {
    const now = Date.now();
    for (const [digest, entry] of this.byDigest) if (entry.expiresAt <= now) this.byDigest.delete(digest);
  }
}
