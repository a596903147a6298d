import { randomBytes } from 'node:crypto';
import type { AgentAccount } from '../accounts/accountDirectory';

/** Signed-in agent consoles: an opaque random token in an HttpOnly cookie maps to the account. */
export const AGENT_COOKIE = 'screenshare_agent';

interface SignedIn {
  agent: AgentAccount;
  expiresAt: number;
}

export class AgentSessions {
  private readonly byToken = new Map<string, SignedIn>();

  constructor(private readonly lifetimeMs: number) {}

  create(agent: AgentAccount): { token: string; maxAgeSeconds: number } {
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, { agent, expiresAt: Date.now() + this.lifetimeMs });
    return { token, maxAgeSeconds: Math.floor(this.lifetimeMs / 1000) };
  }

  find(token: string | undefined): AgentAccount | undefined {
    if (!token) return undefined;
    const entry = this.byToken.get(token);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.byToken.delete(token);
      return undefined;
    }
    return entry.agent;
  }

  destroy(token: string | undefined): void {
    if (token) this.byToken.delete(token);
  }
}
