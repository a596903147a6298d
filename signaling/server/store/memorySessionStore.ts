import {
  DEAD_KEY_MEMORY_MS,
  type DeadKeyReason,
  type KeyClaimResult,
  type ResumeGrant,
  type SessionRecord,
  type SessionStore,
} from './sessionStore';

interface LiveKey {
  sessionId: string;
  expiresAt: number;
}
interface DeadKey {
  reason: DeadKeyReason;
  forgetAt: number;
}

/** The embedded default: plain maps in this process. Single-threaded JS makes claimKey atomic. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  /** Live session ids per agent account. */
  private readonly byAgent = new Map<string, Set<string>>();
  private readonly liveKeys = new Map<string, LiveKey>();
  private readonly deadKeys = new Map<string, DeadKey>();
  private readonly resumeTokens = new Map<string, { grant: ResumeGrant; expiresAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async createSession(session: SessionRecord, maxPerAgent = Infinity): Promise<boolean> {
    const mine = this.byAgent.get(session.agentUsername) ?? new Set<string>();
    if (mine.size >= maxPerAgent) return false;
    this.sessions.set(session.id, { ...session });
    this.byAgent.set(session.agentUsername, mine.add(session.id));
    return true;
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(id);
    return session && { ...session };
  }

  readSessionNow(id: string): Readonly<SessionRecord> | undefined {
    return this.sessions.get(id);
  }

  async updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(id);
    if (!session) return undefined;
    Object.assign(session, change);
    return { ...session };
  }

  async deleteSession(id: string): Promise<SessionRecord | undefined> {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    const mine = session && this.byAgent.get(session.agentUsername);
    mine?.delete(id);
    if (session && mine?.size === 0) this.byAgent.delete(session.agentUsername);
    return session;
  }

  async issueKey(sessionId: string, key: string, expiresAt: number): Promise<void> {
    const session = this.sessions.get(sessionId);
    if (!session) return;
    if (session.key) this.bury(session.key, 'replaced');
    this.liveKeys.set(key, { sessionId, expiresAt });
    session.key = key;
    session.keyExpiresAt = expiresAt;
  }

  async isKeyTaken(key: string): Promise<boolean> {
    return this.liveKeys.has(key) || this.deadKeys.has(key);
  }

  async claimKey(key: string): Promise<KeyClaimResult> {
    // No await between looking and burying: that is what makes the claim atomic.
    const result = this.lookUpKey(key);
    if (result.ok) {
      this.bury(key, 'used');
      const session = this.sessions.get(result.sessionId);
      if (session) {
        session.key = null;
        session.keyExpiresAt = null;
      }
    }
    return result;
  }

  async peekKey(key: string): Promise<KeyClaimResult> {
    return this.lookUpKey(key);
  }

  private lookUpKey(key: string): KeyClaimResult {
    const live = this.liveKeys.get(key);
    if (live && live.expiresAt <= Date.now()) this.bury(key, 'expired');
    const stillLive = this.liveKeys.get(key);
    if (stillLive) return { ok: true, sessionId: stillLive.sessionId };
    const dead = this.deadKeys.get(key);
    return { ok: false, reason: dead && dead.forgetAt > Date.now() ? dead.reason : 'wrong' };
  }

  async retireKey(key: string, reason: DeadKeyReason): Promise<boolean> {
    const live = this.liveKeys.get(key);
    if (!live) return false;
    this.bury(key, reason);
    const session = this.sessions.get(live.sessionId);
    if (session?.key === key) {
      session.key = null;
      session.keyExpiresAt = null;
    }
    return true;
  }

  async saveResumeToken(tokenHash: string, grant: ResumeGrant, expiresAt: number): Promise<void> {
    this.resumeTokens.set(tokenHash, { grant: { ...grant }, expiresAt });
  }

  async peekResumeToken(tokenHash: string): Promise<ResumeGrant | undefined> {
    const saved = this.resumeTokens.get(tokenHash);
    return saved && saved.expiresAt > Date.now() ? { ...saved.grant } : undefined;
  }

  async takeResumeToken(tokenHash: string): Promise<ResumeGrant | undefined> {
    const saved = this.resumeTokens.get(tokenHash);
    this.resumeTokens.delete(tokenHash);
    return saved && saved.expiresAt > Date.now() ? saved.grant : undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }

  private bury(key: string, reason: DeadKeyReason): void {
    this.liveKeys.delete(key);
    this.deadKeys.set(key, { reason, forgetAt: Date.now() + DEAD_KEY_MEMORY_MS });
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, dead] of this.deadKeys) if (dead.forgetAt <= now) this.deadKeys.delete(key);
    for (const [hash, saved] of this.resumeTokens) if (saved.expiresAt <= now) this.resumeTokens.delete(hash);
  }
}
