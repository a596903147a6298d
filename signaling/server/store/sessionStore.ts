import type { SessionPhase, ShareSurface } from '../../protocol';

/**
 * Shared state behind one interface: the embedded in-memory store now, Redis when one node is not
 * enough. All methods are async so a networked store fits without touching the message handlers.
 */
export interface SessionRecord {
  id: string;
  agentUsername: string;
  agentConnectionId: string;
  agentDisplayName: string;
  customerConnectionId: string | null;
  phase: SessionPhase;
  /** The session's current key while unclaimed; null once used or ended. */
  key: string | null;
  keyExpiresAt: number | null;
  createdAt: number;
  /** When the customer's picture started (phase sharing), for the audit trail's share duration. */
  sharingSince?: number | null;
  /** What the customer shares while sharing or paused: a whole screen or one window. */
  surface?: ShareSurface | null;
  /** Set while the agent's socket is gone: when the session ends unless the agent resumes. */
  agentAwayUntil?: number | null;
  /** Set while the customer's socket is gone: when the session ends unless the customer resumes. */
  customerAwayUntil?: number | null;
  /** The CRM's or contact center's id of the call or ticket (console ?conversation=, API). */
  conversationId?: string | null;
}

/** What a resume token lets its holder do: take back one role in one session. */
export interface ResumeGrant {
  sessionId: string;
  role: 'agent' | 'customer';
}

export type DeadKeyReason = 'expired' | 'used' | 'replaced';
export type KeyClaimResult = { ok: true; sessionId: string } | { ok: false; reason: 'wrong' | DeadKeyReason };

export interface SessionStore {
  /**
   * Stores a new session, unless its agent account already has `maxPerAgent` live sessions (on any
   * node, from any of the agent's sockets): then nothing is stored and the answer is false. The
   * check and the creation are one atomic step, so parallel requests cannot slip past the limit.
   */
  createSession(session: SessionRecord, maxPerAgent?: number): Promise<boolean>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  /**
   * The session as it is now, read without waiting, for stores that keep sessions in this process
   * (not Redis). Read-only: the answer must not be changed. Lets the relay handle a signal without
   * a promise per message.
   */
  readSessionNow?(id: string): Readonly<SessionRecord> | undefined;
  /** Applies a change to a session and returns the result; undefined when the session is gone. */
  updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>): Promise<SessionRecord | undefined>;
  deleteSession(id: string): Promise<SessionRecord | undefined>;
  /** Makes `key` the session's live key until `expiresAt`; a previous live key becomes 'replaced'. */
  issueKey(sessionId: string, key: string, expiresAt: number): Promise<void>;
  /** Whether a key is live or recently dead (so a new key never repeats one a customer may still type). */
  isKeyTaken(key: string): Promise<boolean>;
  /** Atomically consumes a live key: exactly one caller wins; later callers learn why it is dead. */
  claimKey(key: string): Promise<KeyClaimResult>;
  /** What claimKey would answer now, without using the key up (an expired live key is reported as expired). */
  peekKey(key: string): Promise<KeyClaimResult>;
  /**
   * Ends a key's life early (session ended, key expired) and remembers why for a while. True when
   * the key was still live; false when it was already dead (claimed, replaced or retired).
   */
  retireKey(key: string, reason: DeadKeyReason): Promise<boolean>;
  /** Remembers a resume token (by its hash) until `expiresAt`. */
  saveResumeToken(tokenHash: string, grant: ResumeGrant, expiresAt: number): Promise<void>;
  /** What a resume token would grant, without using it up (to check role and session first). */
  peekResumeToken(tokenHash: string): Promise<ResumeGrant | undefined>;
  /** Atomically consumes a resume token: only the first caller gets the grant; unknown/expired give undefined. */
  takeResumeToken(tokenHash: string): Promise<ResumeGrant | undefined>;
  close(): Promise<void>;
}

/** How long a dead key is remembered so a latecomer hears "expired"/"used" instead of "wrong". */
export const DEAD_KEY_MEMORY_MS = 60 * 60 * 1000;
