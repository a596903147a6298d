import type { Redis } from 'ioredis';
import { z } from 'zod';
import { SessionPhase, ShareSurface } from '../../protocol';
import {
  DEAD_KEY_MEMORY_MS,
  type DeadKeyReason,
  type KeyClaimResult,
  type ResumeGrant,
  type SessionRecord,
  type SessionStore,
} from './sessionStore';
import { claimKeyScript, createSessionScript, isKeyTakenScript, issueKeyScript, retireKeyScript, updateSessionScript } from './redisScripts';

/** A session nobody has touched for this long is dropped (its node died without ending it). */
export const SESSION_IDLE_TTL_MS = 24 * 60 * 60 * 1000;

const SessionFields = z.object({
  id: z.string(),
  agentUsername: z.string(),
  agentConnectionId: z.string(),
  agentDisplayName: z.string(),
  customerConnectionId: z.string().nullable(),
  phase: SessionPhase,
  key: z.string().nullable(),
  keyExpiresAt: z.number().nullable(),
  createdAt: z.number(),
  agentAwayUntil: z.number().nullable().optional(),
  customerAwayUntil: z.number().nullable().optional(),
  surface: ShareSurface.nullable().optional(),
}) satisfies z.ZodType<SessionRecord>;

const SavedResumeToken = z.object({
  sessionId: z.string(),
  role: z.enum(['agent', 'customer']),
  expiresAt: z.number(),
});

const DeadReason = z.enum(['expired', 'used', 'replaced']) satisfies z.ZodType<DeadKeyReason>;
const ClaimReply = z.union([z.tuple([z.literal('ok'), z.string()]), z.tuple([z.union([z.literal('wrong'), DeadReason])])]);

export interface RedisStoreOptions {
  /** Prepended to every Redis key, so several deployments can share one Redis. */
  prefix?: string;
}

/**
 * Sessions and keys in Redis, shared by every node. A session is a hash (one JSON-encoded value
 * per field); a key is a hash holding its live or dead state. Changes that must not interleave
 * (issue, claim, retire, update) are Lua scripts, so they are atomic across nodes.
 */
export class RedisSessionStore implements SessionStore {
  private readonly sessionPrefix: string;
  private readonly keyPrefix: string;
  private readonly resumePrefix: string;
  private readonly agentPrefix: string;

  constructor(
    private readonly redis: Redis,
    options: RedisStoreOptions = {},
  ) {
    const prefix = options.prefix ?? 'screenshare:';
    this.sessionPrefix = `${prefix}session:`;
    this.keyPrefix = `${prefix}key:`;
    this.resumePrefix = `${prefix}resume:`;
    this.agentPrefix = `${prefix}agent-sessions:`;
  }

  async createSession(session: SessionRecord, maxPerAgent = Number.MAX_SAFE_INTEGER): Promise<boolean> {
    const created = await createSessionScript.run(
      this.redis,
      [this.sessionPrefix + session.id, this.agentPrefix + session.agentUsername],
      [SESSION_IDLE_TTL_MS, Math.min(maxPerAgent, Number.MAX_SAFE_INTEGER), this.sessionPrefix, session.id, ...Object.entries(encode(session)).flat()],
    );
    return created === 1;
  }

  async getSession(id: string): Promise<SessionRecord | undefined> {
    const name = this.sessionPrefix + id;
    const results = await this.redis.multi().hgetall(name).pexpire(name, SESSION_IDLE_TTL_MS).exec();
    return decode(firstResult(results));
  }

  async updateSession(id: string, change: Partial<Omit<SessionRecord, 'id'>>): Promise<SessionRecord | undefined> {
    const pairs = Object.entries(change).flatMap(([field, value]) =>
      value === undefined ? [] : [field, JSON.stringify(value)],
    );
    const reply = await updateSessionScript.run(this.redis, [this.sessionPrefix + id], [SESSION_IDLE_TTL_MS, ...pairs]);
    return decode(reply);
  }

  async deleteSession(id: string): Promise<SessionRecord | undefined> {
    const name = this.sessionPrefix + id;
    // One transaction: of two nodes ending the same session at once, only one gets the record.
    const results = await this.redis.multi().hgetall(name).del(name).exec();
    const session = decode(firstResult(results));
    if (session) await this.redis.srem(this.agentPrefix + session.agentUsername, id);
    return session;
  }

  async issueKey(sessionId: string, key: string, expiresAt: number): Promise<void> {
    await issueKeyScript.run(
      this.redis,
      [this.sessionPrefix + sessionId, this.keyPrefix + key],
      [this.keyPrefix, sessionId, JSON.stringify(key), expiresAt, Date.now(), DEAD_KEY_MEMORY_MS],
    );
  }

  async isKeyTaken(key: string): Promise<boolean> {
    return (await isKeyTakenScript.run(this.redis, [this.keyPrefix + key], [Date.now()])) === 1;
  }

  async claimKey(key: string): Promise<KeyClaimResult> {
    const reply = ClaimReply.parse(
      await claimKeyScript.run(
        this.redis,
        [this.keyPrefix + key],
        [this.sessionPrefix, Date.now(), DEAD_KEY_MEMORY_MS, JSON.stringify(key)],
      ),
    );
    return reply[0] === 'ok' ? { ok: true, sessionId: reply[1] } : { ok: false, reason: reply[0] };
  }

  async peekKey(key: string): Promise<KeyClaimResult> {
    const [state, sessionId, expiresAt, reason, forgetAt] = await this.redis.hmget(this.keyPrefix + key, 'state', 'sessionId', 'expiresAt', 'reason', 'forgetAt');
    const now = Date.now();
    // Read only: a live key past its time reads as expired here; its expiry timer or the next claim buries it.
    if (state === 'live' && sessionId) return Number(expiresAt) > now ? { ok: true, sessionId } : { ok: false, reason: 'expired' };
    const dead = DeadReason.safeParse(reason);
    return { ok: false, reason: state === 'dead' && Number(forgetAt) > now && dead.success ? dead.data : 'wrong' };
  }

  async retireKey(key: string, reason: DeadKeyReason): Promise<boolean> {
    const retired = await retireKeyScript.run(
      this.redis,
      [this.keyPrefix + key],
      [this.sessionPrefix, reason, Date.now(), DEAD_KEY_MEMORY_MS, JSON.stringify(key)],
    );
    return retired === 1;
  }

  async saveResumeToken(tokenHash: string, grant: ResumeGrant, expiresAt: number): Promise<void> {
    const saved: z.infer<typeof SavedResumeToken> = { ...grant, expiresAt };
    // Expiry is judged by the caller's clock on take; the Redis TTL only collects garbage.
    const ttl = Math.max(expiresAt - Date.now(), 1) + 60_000;
    await this.redis.set(this.resumePrefix + tokenHash, JSON.stringify(saved), 'PX', ttl);
  }

  async peekResumeToken(tokenHash: string): Promise<ResumeGrant | undefined> {
    return liveGrant(await this.redis.get(this.resumePrefix + tokenHash));
  }

  async takeResumeToken(tokenHash: string): Promise<ResumeGrant | undefined> {
    // GETDEL is atomic: of two nodes taking the same token at once, only one gets it.
    return liveGrant(await this.redis.getdel(this.resumePrefix + tokenHash));
  }

  /** The Redis connection belongs to whoever made it (it is shared with the router and limiter). */
  async close(): Promise<void> {}
}

function liveGrant(text: string | null): ResumeGrant | undefined {
  if (text === null) return undefined;
  const saved = SavedResumeToken.parse(JSON.parse(text));
  return saved.expiresAt > Date.now() ? { sessionId: saved.sessionId, role: saved.role } : undefined;
}

function encode(session: SessionRecord): Record<string, string> {
  return Object.fromEntries(Object.entries(session).map(([field, value]) => [field, JSON.stringify(value)]));
}

/** A stored session from HGETALL (an object) or from a script (a flat field/value list). */
function decode(reply: unknown): SessionRecord | undefined {
  if (reply === null || reply === undefined) return undefined;
  const hash = Array.isArray(reply) ? pairsToObject(reply) : reply;
  if (typeof hash !== 'object' || Object.keys(hash).length === 0) return undefined;
  const fields = Object.fromEntries(
    Object.entries(hash).map(([field, value]) => [field, typeof value === 'string' ? JSON.parse(value) : value]),
  );
  return SessionFields.parse(fields);
}

function pairsToObject(list: unknown[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (let i = 0; i + 1 < list.length; i += 2) result[String(list[i])] = list[i + 1];
  return result;
}

function firstResult(results: [Error | null, unknown][] | null): unknown {
  const first = results?.[0];
  if (!first) throw new Error('redis transaction was aborted');
  if (first[0]) throw first[0];
  return first[1];
}
