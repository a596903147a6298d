import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The store's compound changes as Lua scripts: Redis runs each one whole, with no other command
 * in between, which is what makes "exactly one winner" hold across any number of nodes.
 *
 * A key's record is a hash `<prefix>key:<digits>`: state live (sessionId, expiresAt) or dead
 * (reason, forgetAt). Times are epoch ms from the calling node's clock (passed in as `now`), the
 * same clock that stamped `expiresAt` and runs the expiry timers; Redis TTLs only collect garbage.
 */
export class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

const bury = `
local function bury(name, reason, now, memory)
  redis.call('HSET', name, 'state', 'dead', 'reason', reason, 'forgetAt', now + memory)
  redis.call('HDEL', name, 'expiresAt')
  redis.call('PEXPIRE', name, memory)
end
local function taken(name, now)
  local state, forgetAt = unpack(redis.call('HMGET', name, 'state', 'forgetAt'))
  return state == 'live' or (state == 'dead' and tonumber(forgetAt) > now)
end
`;

/**
 * KEYS: session, new key. ARGV: key prefix, sessionId, new key as JSON, expiresAt, now, memory ms.
 * Returns 0 when the session is gone, 1 when issued; refuses (error) a key that is already taken,
 * so two nodes that picked the same random key can never share it between two sessions.
 */
export const issueKeyScript = new LuaScript(`${bury}
local now, expiresAt, memory = tonumber(ARGV[5]), tonumber(ARGV[4]), tonumber(ARGV[6])
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if taken(KEYS[2], now) then return redis.error_reply('KEYTAKEN key already in use') end
local previous = redis.call('HGET', KEYS[1], 'key')
if previous and previous ~= 'null' then
  local name = ARGV[1] .. cjson.decode(previous)
  if redis.call('HGET', name, 'sessionId') == ARGV[2] then bury(name, 'replaced', now, memory) end
end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'state', 'live', 'sessionId', ARGV[2], 'expiresAt', ARGV[4])
redis.call('PEXPIRE', KEYS[2], math.max(expiresAt - now, 1) + memory)
redis.call('HSET', KEYS[1], 'key', ARGV[3], 'keyExpiresAt', ARGV[4])
return 1
`);

/**
 * KEYS: key. ARGV: session prefix, now, memory ms, key as JSON.
 * Returns {'ok', sessionId} to the one caller that wins, otherwise {reason}.
 */
export const claimKeyScript = new LuaScript(`${bury}
local now, memory = tonumber(ARGV[2]), tonumber(ARGV[3])
local state, sessionId, expiresAt, reason, forgetAt =
  unpack(redis.call('HMGET', KEYS[1], 'state', 'sessionId', 'expiresAt', 'reason', 'forgetAt'))
if state == 'live' then
  if tonumber(expiresAt) <= now then
    bury(KEYS[1], 'expired', now, memory)
    return {'expired'}
  end
  bury(KEYS[1], 'used', now, memory)
  local session = ARGV[1] .. sessionId
  if redis.call('HGET', session, 'key') == ARGV[4] then
    redis.call('HSET', session, 'key', 'null', 'keyExpiresAt', 'null')
  end
  return {'ok', sessionId}
end
if state == 'dead' and tonumber(forgetAt) > now then return {reason} end
return {'wrong'}
`);

/** KEYS: key. ARGV: session prefix, reason, now, memory ms, key as JSON. Only a live key is retired. */
export const retireKeyScript = new LuaScript(`${bury}
local now, memory = tonumber(ARGV[3]), tonumber(ARGV[4])
if redis.call('HGET', KEYS[1], 'state') ~= 'live' then return 0 end
local session = ARGV[1] .. redis.call('HGET', KEYS[1], 'sessionId')
bury(KEYS[1], ARGV[2], now, memory)
if redis.call('HGET', session, 'key') == ARGV[5] then
  redis.call('HSET', session, 'key', 'null', 'keyExpiresAt', 'null')
end
return 1
`);

/** KEYS: key. ARGV: now. 1 when the key is live or still remembered as dead. */
export const isKeyTakenScript = new LuaScript(`${bury}
return taken(KEYS[1], tonumber(ARGV[1])) and 1 or 0
`);

/**
 * KEYS: session, the agent's set of session ids. ARGV: idle ttl ms, max sessions per agent, session
 * key prefix, session id, then field/value pairs. Ids of sessions that are gone (ended, expired)
 * leave the set first. Returns 1 when created, 0 when the agent already has the maximum.
 */
export const createSessionScript = new LuaScript(`
local live = 0
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  if redis.call('EXISTS', ARGV[3] .. id) == 1 then live = live + 1 else redis.call('SREM', KEYS[2], id) end
end
if live >= tonumber(ARGV[2]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 5))
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('SADD', KEYS[2], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 1
`);

/** KEYS: session. ARGV: idle ttl ms, then field/value pairs. Returns the updated hash, or nil if gone. */
export const updateSessionScript = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
if #ARGV > 1 then redis.call('HSET', KEYS[1], unpack(ARGV, 2)) end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return redis.call('HGETALL', KEYS[1])
`);
