import { strict as assert } from 'node:assert';
import { Redis } from 'ioredis';
import type { ChatStore, ConversationRecord } from '../../signaling/server/chat/chatStore';
import { MemoryChatStore } from '../../signaling/server/chat/memoryChatStore';
import { RedisChatStore } from '../../signaling/server/chat/redisChatStore';
import { useRedisServer } from './redis/redisFixture';

function conversation(id: string, extra: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    id,
    state: 'waiting',
    tokenHash: `hash-${id}`,
    customerName: null,
    customerConnectionId: 'node:customer',
    agentUsername: null,
    agentDisplayName: null,
    agentConnectionId: null,
    shareSessionId: null,
    createdAt: Date.now(),
    lastActivityAt: Date.now(),
    preview: '',
    ...extra,
  };
}

/** What every ChatStore must do, the memory one and the Redis one alike. */
function chatStoreContract(make: () => Promise<ChatStore>): void {
  let store: ChatStore;
  beforeEach(async () => {
    store = await make();
  });
  afterEach(() => store.close());

  it('finds a conversation by its token hash until the token is revoked', async () => {
    await store.createConversation(conversation('c_1'));
    assert.equal((await store.findByTokenHash('hash-c_1'))?.id, 'c_1');
    await store.updateConversation('c_1', { tokenHash: null, state: 'closed' });
    assert.equal(await store.findByTokenHash('hash-c_1'), undefined);
    assert.equal((await store.getConversation('c_1'))?.state, 'closed');
  });

  it('gives a waiting conversation to exactly one of many agents taking it at once', async () => {
    await store.createConversation(conversation('c_2'));
    const results = await Promise.all(
      ['a', 'b', 'c', 'd', 'e'].map((name) =>
        store.assign('c_2', { username: name, displayName: name.toUpperCase(), connectionId: `node:${name}` }),
      ),
    );
    const winners = results.filter((record) => record !== undefined);
    assert.equal(winners.length, 1);
    const winner = winners[0]?.agentUsername ?? '';
    assert.equal((await store.getConversation('c_2'))?.agentUsername, winner);
    assert.deepEqual((await store.listWaiting(10)).map((r) => r.id), []);
    assert.deepEqual((await store.listAssignedTo(winner)).map((r) => r.id), ['c_2']);
  });

  it('numbers entries 1, 2, 3… even when they are appended concurrently', async () => {
    await store.createConversation(conversation('c_3'));
    const appended = await Promise.all(
      Array.from({ length: 40 }, (_, i) => store.appendEntry('c_3', { from: 'customer', text: `m${i}`, clientId: `m${i}` })),
    );
    assert.deepEqual(appended.map((e) => e?.seq).sort((a, b) => (a ?? 0) - (b ?? 0)), Array.from({ length: 40 }, (_, i) => i + 1));
    const entries = await store.entries('c_3');
    assert.deepEqual(entries.map((e) => e.seq), Array.from({ length: 40 }, (_, i) => i + 1));
    assert.equal(await store.appendEntry('c_missing', { from: 'customer', text: 'x' }), undefined);
  });

  it('lists waiting conversations oldest first', async () => {
    await store.createConversation(conversation('c_new', { createdAt: 2_000 }));
    await store.createConversation(conversation('c_old', { createdAt: 1_000 }));
    assert.deepEqual((await store.listWaiting(10)).map((r) => r.id), ['c_old', 'c_new']);
  });

  it('hands a share link to the first who takes it', async () => {
    await store.linkShare('session-1', 'c_4');
    assert.equal(await store.conversationOfShare('session-1'), 'c_4');
    assert.deepEqual(await Promise.all([store.unlinkShare('session-1'), store.unlinkShare('session-1')]), ['c_4', undefined]);
  });

  it('keeps the inbox watchers', async () => {
    await store.addInboxWatcher('node:a');
    await store.addInboxWatcher('node:b');
    await store.removeInboxWatcher('node:a');
    assert.deepEqual(await store.inboxWatchers(), ['node:b']);
  });
}

describe('chat store contract: in-memory', () => {
  chatStoreContract(async () => new MemoryChatStore());
});

describe('chat store contract: Redis (real redis-server)', () => {
  const redis = useRedisServer();
  let client: Redis | undefined;
  before(() => {
    client = new Redis(redis.server.url);
  });
  after(() => client?.disconnect());

  chatStoreContract(async () => {
    await redis.flush();
    if (!client) throw new Error('no redis client');
    return new RedisChatStore(client);
  });

  it('keeps every conversation key under a TTL', async () => {
    await redis.flush();
    if (!client) throw new Error('no redis client');
    const store = new RedisChatStore(client);
    await store.createConversation(conversation('c_ttl'));
    await store.appendEntry('c_ttl', { from: 'customer', text: 'hi' });
    for (const key of await client.keys('screenshare:chat:*')) {
      if (key.endsWith(':waiting') || key.endsWith(':watchers')) continue;
      assert.ok((await client.pttl(key)) > 0, `${key} expires`);
    }
  });
});

describe('web chat across two nodes sharing Redis', () => {
  const redis = useRedisServer();

  it('a customer on one node chats with an agent on the other, and resumes on either', async () => {
    const { startTwoNodes } = await import('./redis/twoNodes');
    const { connect, signIn } = await import('./harness');
    await redis.flush();
    const [a, b] = await startTwoNodes(redis.server.url);
    try {
      const customer = await connect(a.url, 'customer');
      customer.send({ type: 'chat.start', name: 'Nina' });
      const started = await customer.next('chat.conversation');
      const agent = await connect(b.url, 'agent', { cookie: await signIn(b.url) });
      agent.send({ type: 'chat.inbox.watch' });
      const inbox = await agent.next('chat.inbox');
      assert.ok(inbox.waiting.some((c) => c.conversationId === started.conversationId), 'node B sees node A\'s customer waiting');
      agent.send({ type: 'chat.take', conversationId: started.conversationId });
      await agent.next('chat.conversation');
      customer.send({ type: 'chat.send', text: 'from node A', clientId: 'a1' });
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) seen.push((await agent.next('chat.message')).entry.text ?? 'system');
      assert.deepEqual(seen, ['system', 'from node A']);
      agent.send({ type: 'chat.send', conversationId: started.conversationId, text: 'from node B', clientId: 'b1' });
      const reloaded = await connect(b.url, 'customer');
      reloaded.send({ type: 'chat.resume', token: started.token });
      const resumed = await reloaded.next('chat.conversation');
      assert.equal(resumed.conversationId, started.conversationId);
      for (const c of [customer, agent, reloaded]) c.close();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('counts new conversations per address on both nodes together', async () => {
    const { startTwoNodes } = await import('./redis/twoNodes');
    const { connect } = await import('./harness');
    await redis.flush();
    const [a, b] = await startTwoNodes(redis.server.url, { CHAT_STARTS_PER_IP_PER_HOUR: '2' });
    try {
      const answers: string[] = [];
      for (const node of [a, b, a]) {
        const customer = await connect(node.url, 'customer');
        customer.send({ type: 'chat.start', name: 'Nina' });
        const reply = await customer.nextOf(['chat.conversation', 'error']);
        answers.push(reply.type === 'error' ? reply.code : reply.type);
        customer.close();
      }
      assert.deepEqual(answers, ['chat.conversation', 'chat.conversation', 'rate-limited']);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
