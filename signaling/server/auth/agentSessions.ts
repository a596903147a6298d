import { createHash, randomBytes } from 'node:crypto';
import type { AgentAccount } from '../accounts/accountDirectory';

/** Signed-in agent consoles: an opaque random token in an HttpOnly cookie maps to the account. */
export const AGENT_COOKIE = 'screenshare_agent';

/**
 * Where sign-ins live: this process (memoryAgentSessions.ts) or Redis shared by every node
 * (redisAgentSessions.ts), so an agent signed in on one node is signed in on all of them and a
 * sign-out anywhere ends it everywhere.
 */
export interface AgentSessions {
  create(agent: AgentAccount): Promise<{ token: string; maxAgeSeconds: number }>;
  /** The signed-in agent behind a cookie's token; undefined when unknown, expired or signed out. */
  find(token: string | undefined): Promise<AgentAccount | undefined>;
  destroy(token: string | undefined): Promise<void>;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Stores keep this digest, not the token: a dump of the store holds nothing a browser could present. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
