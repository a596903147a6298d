import { strict as assert } from 'node:assert';
import { Redis } from 'ioredis';
import { MemorySessionStore } from '../../../signaling/server/store/memorySessionStore';
import { RedisSessionStore } from '../../../signaling/server/store/redisSessionStore';
import { useRedisServer } from './redisFixture';
import { sessionRecord, sessionStoreContract } from './sessionStoreContract';

describe('session store contract: in-memory', () => {
  sessionStoreContract(async () => new MemorySessionStore());
});

describe('session store contract: Redis (real redis-server)', () => {
  const redis = useRedisServer();
  let client: Redis | undefined;
  before(() => {
    client = new Redis(redis.server.url);
  });
  after(() => client?.disconnect());

  sessionStoreContract(async () => {
    await redis.flush();
    if (!client) throw new Error('no redis client');
    return new RedisSessionStore(client);
  });

  describe('Redis only', () => {
    beforeEach(() => redis.flush());

    it('never lets two sessions share a key, even when two nodes picked the same one', async () => {
      if (!client) throw new Error('no redis client');
      const nodeA = new RedisSessionStore(client);
      const nodeB = new RedisSessionStore(client);
      await nodeA.createSession(sessionRecord('s1'));
      await nodeB.createSession(sessionRecord('s2'));
      await nodeA.issueKey('s1', '123123123', Date.now() + 300_000);
      await assert.rejects(nodeB.issueKey('s2', '123123123', Date.now() + 300_000), /KEYTAKEN/);
      assert.deepEqual(await nodeB.claimKey('123123123'), { ok: true, sessionId: 's1' });
    });

    it('keeps every record under a TTL, so a crashed node leaves nothing behind for ever', async () => {
      if (!client) throw new Error('no redis client');
      const store = new RedisSessionStore(client);
      await store.createSession(sessionRecord('s1'));
      await store.issueKey('s1', '321321321', Date.now() + 300_000);
      await store.claimKey('321321321');
      const keys = await client.keys('*');
      assert.equal(keys.length, 3, `session, key and the agent's session set: ${keys.join(", ")}`);
      for (const key of keys) assert.ok((await client.pttl(key)) > 0, `${key} has a TTL`);
    });
  });
});
