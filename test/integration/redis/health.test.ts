import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { keyFromPayload } from '../../../signaling/protocol';
import { pairedSession, connect, signIn, startTestServer, type TestServer } from '../harness';
import { useRedisServer } from './redisFixture';
import { startTwoNodes } from './twoNodes';

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The value of one sample line of Prometheus text, e.g. `screenshare_connections{role="agent"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('health and metrics endpoints (one node, in-memory)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ METRICS_PORT: '0' });
  });
  after(() => t.close());

  it('says the process is up (/healthz) and ready (/readyz)', async () => {
    assert.deepEqual(await getJson(`${t.url}/healthz`), { status: 200, body: { status: 'ok' } });
    assert.deepEqual(await getJson(`${t.url}/readyz`), { status: 200, body: { status: 'ready' } }, 'no details in public');
    const ready = await getJson(`${t.monitoringUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.equal(ready.body.store, 'in-memory');
  });

  it('counts keys, failed attempts, relayed signals, sessions and connections in Prometheus text', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    customer.send({ type: 'signal', data: { type: 'offer', sdp: 'v=0\r\n' } });
    await agent.next('signal');
    agent.send({ type: 'signal', sessionId, data: { type: 'answer', sdp: 'v=0\r\n' } });
    await customer.next('signal');
    const guesser = await connect(t.url, 'customer');
    const unused = keyFromPayload('13572468');
    guesser.send({ type: 'key.claim', key: unused });
    assert.equal((await guesser.next('error')).code, 'key-wrong');
    const typo = unused.slice(0, 8) + String((Number(unused[8]) + 1) % 10);
    guesser.send({ type: 'key.claim', key: typo });
    assert.equal((await guesser.next('error')).code, 'key-malformed');

    const response = await fetch(`${t.monitoringUrl}/metrics`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.equal(sample(text, 'screenshare_keys_issued_total'), 1);
    assert.equal(sample(text, 'screenshare_key_attempts_failed_total{reason="wrong"}'), 1);
    assert.equal(sample(text, 'screenshare_key_attempts_failed_total{reason="malformed"}'), 1);
    const lockedOut = 'screenshare_key_attempts_failed_total{reason="locked-out"}';
    assert.equal(sample(text, lockedOut), 0, 'listed before it happens');
    assert.equal(sample(text, 'screenshare_signals_relayed_total{from="customer"}'), 1);
    assert.equal(sample(text, 'screenshare_signals_relayed_total{from="agent"}'), 1);
    assert.equal(sample(text, 'screenshare_sessions_active'), 1);
    assert.equal(sample(text, 'screenshare_connections{role="agent"}'), 1);
    assert.equal(sample(text, 'screenshare_connections{role="customer"}'), 2);
    assert.ok(text.includes('process_resident_memory_bytes'), 'standard process metrics too');

    agent.send({ type: 'session.end', sessionId });
    await customer.next('session.ended');
    const after = await (await fetch(`${t.monitoringUrl}/metrics`)).text();
    assert.equal(sample(after, 'screenshare_sessions_active'), 0);
    for (const client of [agent, customer, guesser]) client.close();
  });
});

describe('chat metrics (one node, in-memory)', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ METRICS_PORT: '0' });
  });
  after(() => t.close());

  it('counts conversations started, messages relayed by sender, and share requests by outcome', async () => {
    const before = await (await fetch(`${t.monitoringUrl}/metrics`)).text();
    for (const outcome of ['started', 'declined', 'expired', 'cancelled']) {
      assert.equal(sample(before, `screenshare_chat_share_requests_total{outcome="${outcome}"}`), 0, 'listed before it happens');
    }
    assert.equal(sample(before, 'screenshare_chat_conversations_started_total'), 0);

    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'chat.start', name: 'Carla', ref: 'start' });
    const { conversationId } = await customer.next('chat.conversation');
    const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    agent.send({ type: 'chat.inbox.watch' });
    await agent.next('chat.inbox');
    agent.send({ type: 'chat.take', conversationId, ref: 'take' });
    await agent.next('chat.conversation');
    await agent.next('chat.message');
    customer.send({ type: 'chat.send', text: 'one', clientId: 'c1' });
    customer.send({ type: 'chat.send', text: 'two', clientId: 'c2' });
    agent.send({ type: 'chat.send', conversationId, text: 'hello', clientId: 'a1' });
    for (let i = 0; i < 3; i++) await agent.next('chat.message');

    // Declined.
    agent.send({ type: 'chat.share.request', conversationId, ref: 'r1' });
    const first = await agent.next('session.key');
    await agent.next('chat.message');
    customer.send({ type: 'chat.share.decline', sessionId: first.sessionId });
    await agent.next('session.ended');
    assert.equal((await agent.next('chat.message')).entry.event, 'share-declined');
    // Ended by the agent before the customer shared.
    agent.send({ type: 'chat.share.request', conversationId, ref: 'r2' });
    const second = await agent.next('session.key');
    await agent.next('chat.message');
    agent.send({ type: 'session.end', sessionId: second.sessionId });
    await agent.next('session.ended');
    assert.equal((await agent.next('chat.message')).entry.event, 'share-ended');
    // Shared.
    agent.send({ type: 'chat.share.request', conversationId, ref: 'r3' });
    const third = await agent.next('session.key');
    await agent.next('chat.message');
    const sharer = await connect(t.url, 'customer');
    sharer.send({ type: 'key.claim', key: third.key });
    await sharer.next('key.accepted');
    sharer.send({ type: 'consent', decision: 'accept' });
    sharer.send({ type: 'share.state', state: 'sharing' });
    assert.equal((await agent.next('chat.message')).entry.event, 'consent-recorded');
    assert.equal((await agent.next('chat.message')).entry.event, 'share-started');
    sharer.send({ type: 'session.end', reason: 'stopped' });
    assert.equal((await agent.next('chat.message')).entry.event, 'share-ended');

    const text = await (await fetch(`${t.monitoringUrl}/metrics`)).text();
    assert.equal(sample(text, 'screenshare_chat_conversations_started_total'), 1);
    assert.equal(sample(text, 'screenshare_chat_messages_relayed_total{from="customer"}'), 2);
    assert.equal(sample(text, 'screenshare_chat_messages_relayed_total{from="agent"}'), 1);
    assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="declined"}'), 1);
    assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="cancelled"}'), 1);
    assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="started"}'), 1, 'a share that ran and ended counts once');
    assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="expired"}'), 0);
    for (const client of [agent, customer, sharer]) client.close();
  });

  it('counts an unused request as expired', async () => {
    const short = await startTestServer({ KEY_TTL_SECONDS: '1', METRICS_PORT: '0' });
    try {
      const customer = await connect(short.url, 'customer');
      customer.send({ type: 'chat.start', ref: 'start' });
      const { conversationId } = await customer.next('chat.conversation');
      const agent = await connect(short.url, 'agent', { cookie: await signIn(short.url) });
      agent.send({ type: 'chat.inbox.watch' });
      await agent.next('chat.inbox');
      agent.send({ type: 'chat.take', conversationId, ref: 'take' });
      await agent.next('chat.conversation');
      await agent.next('chat.message');
      agent.send({ type: 'chat.share.request', conversationId, ref: 'r' });
      await agent.next('session.key');
      await agent.next('chat.message');
      assert.equal((await agent.next('chat.message', 5000)).entry.event, 'share-expired');
      await agent.next('session.ended', 5000);
      const text = await (await fetch(`${short.monitoringUrl}/metrics`)).text();
      assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="expired"}'), 1);
      assert.equal(sample(text, 'screenshare_chat_share_requests_total{outcome="cancelled"}'), 0, 'not counted twice');
      for (const client of [agent, customer]) client.close();
    } finally {
      await short.close();
    }
  });
});

describe('readiness with Redis', () => {
  const redis = useRedisServer();

  it('is ready while Redis answers, not ready (503) while it is down, and stays alive (/healthz)', async () => {
    const [a, b] = await startTwoNodes(redis.server.url, { METRICS_PORT: '0' });
    try {
      for (const node of [a, b]) {
        const ready = await getJson(`${node.monitoringUrl}/readyz`);
        assert.equal(ready.status, 200);
        assert.equal(ready.body.store, 'redis');
      }
      const nodeOf = async (node: TestServer) => (await getJson(`${node.monitoringUrl}/readyz`)).body.node;
      assert.notEqual(await nodeOf(a), await nodeOf(b));

      await redis.server.stop();
      const deadline = Date.now() + 5_000;
      let status = 200;
      while (status === 200 && Date.now() < deadline) {
        status = (await getJson(`${a.url}/readyz`)).status;
        if (status === 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(status, 503, 'a node without Redis tells the load balancer to send clients elsewhere');
      assert.equal((await getJson(`${a.url}/readyz`)).body.status, 'not-ready');
      assert.equal((await getJson(`${a.url}/healthz`)).status, 200, 'but it is not dead: no restart needed');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('refuses to start, saying why, when Redis cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    await assert.rejects(
      startTestServer({ REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` }),
      (error: Error) => {
        assert.match(error.message, new RegExp(`Cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
        assert.ok(!error.message.includes('hunter2'), 'the password is not shown');
        return true;
      },
    );
  });
});
