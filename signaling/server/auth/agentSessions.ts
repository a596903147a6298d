import { createHash, randomBytes } from 'node:crypto';
import type { AgentAccount } from '../accounts/accountDirectory';

/** Signed-in agent consoles: an opaque random token in an HttpOnly cookie maps to the account. */
export const AGENT_COOKIE = 'screenshare_agent';

/** One sign-in as the store keeps it. */
export interface StoredSignIn {
  readonly agent: AgentAccount;
  /** The token's digest: names this sign-in (e.g. to close the sockets it opened) without being it. */
  readonly id: string;
  readonly expiresAt: number;
  /** The account's credential stamp when it signed in (accounts/accountDirectory.ts): a new password voids it. */
  readonly stamp: string;
  /** Signed in through the identity provider: its ID token, the hint for RP-initiated logout. */
  readonly idToken?: string;
}

/**
 * Where sign-ins live: this process (memoryAgentSessions.ts) or Redis shared by every node
 * (redisAgentSessions.ts), so an agent signed in on one node is signed in on all of them and a
 * sign-out anywhere ends it everywhere.
 */
export interface AgentSessions {
  create(agent: AgentAccount, stamp: string, idToken?: string): Promise<{ token: string; maxAgeSeconds: number }>;
  /** The sign-in behind a cookie's token; undefined when unknown, expired or signed out. */
  find(token: string | undefined): Promise<StoredSignIn | undefined>;
  destroy(token: string | undefined): Promise<void>;
  /** Ends every sign-in of this agent (access revoked). */
  destroyAllOf(username: string): Promise<void>;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Stores keep this digest, not the token: a dump of the store holds nothing a browser could present. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
