import type { Redis } from 'ioredis';
import { ChatEntry, MAX_CHAT_HISTORY } from '../../protocol';
import {
  CONVERSATION_IDLE_MS,
  type AssignAgent,
  type ChatStore,
  type ConversationRecord,
  type NewEntry,
} from './chatStore';

/**
 * Conversations in Redis, so every node serves every chat (REDIS_URL). Each conversation is one
 * JSON value; changes that must not interleave (update, assign, append with the next sequence
 * number) run as Lua scripts, which Redis executes atomically. Everything expires after
 * CONVERSATION_IDLE_MS without activity, so a crashed node leaves nothing behind for ever.
 *
 * Keys (prefix p): p+conv:<id> record · p+entries:<id> list · p+seq:<id> counter ·
 * p+token:<hash> → id · p+waiting zset by start time · p+agent:<username> set of ids ·
 * p+share:<sessionId> → id · p+watchers set of console connection ids.
 */
const UPDATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local record = cjson.decode(raw)
local change = cjson.decode(ARGV[1])
local prefix = ARGV[2]
if change.tokenHash ~= nil and record.tokenHash ~= change.tokenHash and record.tokenHash ~= cjson.null then
  redis.call('DEL', prefix .. 'token:' .. record.tokenHash)
end
for k, v in pairs(change) do record[k] = v end
if change.tokenHash ~= nil and change.tokenHash ~= cjson.null then
  redis.call('SET', prefix .. 'token:' .. change.tokenHash, record.id, 'PX', ARGV[3])
end
if change.state ~= nil and record.state ~= 'waiting' then redis.call('ZREM', prefix .. 'waiting', record.id) end
if change.state == 'closed' and record.agentUsername ~= cjson.null then
  redis.call('SREM', prefix .. 'agent:' .. record.agentUsername, record.id)
end
local encoded = cjson.encode(record)
redis.call('SET', KEYS[1], encoded, 'KEEPTTL')
return encoded
`;

const ASSIGN = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local record = cjson.decode(raw)
if record.state ~= 'waiting' then return false end
local agent = cjson.decode(ARGV[1])
record.state = 'assigned'
record.agentUsername = agent.username
record.agentDisplayName = agent.displayName
record.agentConnectionId = agent.connectionId
local encoded = cjson.encode(record)
redis.call('SET', KEYS[1], encoded, 'KEEPTTL')
redis.call('ZREM', ARGV[2] .. 'waiting', record.id)
redis.call('SADD', ARGV[2] .. 'agent:' .. agent.username, record.id)
redis.call('PEXPIRE', ARGV[2] .. 'agent:' .. agent.username, ARGV[3])
return encoded
`;

const APPEND = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local record = cjson.decode(raw)
local entry = cjson.decode(ARGV[1])
entry.seq = redis.call('INCR', KEYS[3])
entry.at = tonumber(ARGV[2])
record.lastActivityAt = entry.at
local encoded = cjson.encode(entry)
redis.call('RPUSH', KEYS[2], encoded)
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
redis.call('SET', KEYS[1], cjson.encode(record), 'PX', ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[4])
if record.tokenHash ~= cjson.null then redis.call('PEXPIRE', ARGV[5] .. 'token:' .. record.tokenHash, ARGV[4]) end
return encoded
`;

export class RedisChatStore implements ChatStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'screenshare:chat:',
    private readonly now: () => number = Date.now,
    /** Closes the connection when this store made it; a borrowed connection stays open. */
    private readonly release: () => Promise<void> = async () => {},
  ) {}

  private key(kind: string, id = ''): string {
    return `${this.prefix}${kind}${id ? `:${id}` : ''}`;
  }

  async createConversation(record: ConversationRecord): Promise<void> {
    const ttl = CONVERSATION_IDLE_MS;
    const multi = this.redis.multi().set(this.key('conv', record.id), JSON.stringify(record), 'PX', ttl);
    if (record.tokenHash) multi.set(this.key('token', record.tokenHash), record.id, 'PX', ttl);
    if (record.state === 'waiting') multi.zadd(this.key('waiting'), record.createdAt, record.id);
    await multi.exec();
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    return parseRecord(await this.redis.get(this.key('conv', id)));
  }

  async findByTokenHash(tokenHash: string): Promise<ConversationRecord | undefined> {
    const id = await this.redis.get(this.key('token', tokenHash));
    return id ? this.getConversation(id) : undefined;
  }

  async updateConversation(
    id: string,
    change: Partial<Omit<ConversationRecord, 'id'>>,
  ): Promise<ConversationRecord | undefined> {
    const result = await this.redis.eval(
      UPDATE,
      1,
      this.key('conv', id),
      JSON.stringify(change),
      this.prefix,
      String(CONVERSATION_IDLE_MS),
    );
    return parseRecord(result);
  }

  async assign(id: string, agent: AssignAgent): Promise<ConversationRecord | undefined> {
    const result = await this.redis.eval(
      ASSIGN,
      1,
      this.key('conv', id),
      JSON.stringify(agent),
      this.prefix,
      String(CONVERSATION_IDLE_MS),
    );
    return parseRecord(result);
  }

  async appendEntry(id: string, entry: NewEntry): Promise<ChatEntry | undefined> {
    const result = await this.redis.eval(
      APPEND,
      3,
      this.key('conv', id),
      this.key('entries', id),
      this.key('seq', id),
      JSON.stringify(entry),
      String(this.now()),
      String(MAX_CHAT_HISTORY),
      String(CONVERSATION_IDLE_MS),
      this.prefix,
    );
    return typeof result === 'string' ? parseEntry(result) : undefined;
  }

  async entries(id: string): Promise<ChatEntry[]> {
    const raw = await this.redis.lrange(this.key('entries', id), 0, -1);
    return raw.flatMap((text) => parseEntry(text) ?? []);
  }

  async listWaiting(limit: number): Promise<ConversationRecord[]> {
    const ids = await this.redis.zrange(this.key('waiting'), '0', String(limit - 1));
    const records = await this.many(ids);
    // Forgotten (expired) conversations leave their id behind in the set: tidy up.
    const gone = ids.filter((id) => !records.some((record) => record.id === id));
    if (gone.length > 0) await this.redis.zrem(this.key('waiting'), ...gone);
    return records.filter((record) => record.state === 'waiting');
  }

  async countWaiting(): Promise<number> {
    return this.redis.zcard(this.key('waiting'));
  }

  async listAssignedTo(username: string): Promise<ConversationRecord[]> {
    const ids = await this.redis.smembers(this.key('agent', username));
    return (await this.many(ids)).filter((record) => record.state === 'assigned' && record.agentUsername === username);
  }

  async linkShare(sessionId: string, conversationId: string): Promise<void> {
    await this.redis.set(this.key('share', sessionId), conversationId, 'PX', CONVERSATION_IDLE_MS);
  }

  async conversationOfShare(sessionId: string): Promise<string | undefined> {
    return (await this.redis.get(this.key('share', sessionId))) ?? undefined;
  }

  async unlinkShare(sessionId: string): Promise<string | undefined> {
    return (await this.redis.getdel(this.key('share', sessionId))) ?? undefined;
  }

  async addInboxWatcher(connectionId: string): Promise<void> {
    await this.redis.sadd(this.key('watchers'), connectionId);
  }

  async removeInboxWatcher(connectionId: string): Promise<void> {
    await this.redis.srem(this.key('watchers'), connectionId);
  }

  async inboxWatchers(): Promise<string[]> {
    return this.redis.smembers(this.key('watchers'));
  }

  async close(): Promise<void> {
    await this.release();
  }

  private async many(ids: readonly string[]): Promise<ConversationRecord[]> {
    if (ids.length === 0) return [];
    const values = await this.redis.mget(...ids.map((id) => this.key('conv', id)));
    return values.flatMap((value) => parseRecord(value) ?? []);
  }
}

function parseRecord(value: unknown): ConversationRecord | undefined {
  return typeof value === 'string' ? (JSON.parse(value) as ConversationRecord) : undefined;
}

/** Entries come back through the protocol schema: what Redis holds is never trusted blindly. */
function parseEntry(text: string): ChatEntry | undefined {
  const parsed = ChatEntry.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}
