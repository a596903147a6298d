import { strict as assert } from 'node:assert';
import { CloseCode } from '../../../signaling/protocol';
import { agentWithSession, connect, keyFromPayload, type TestClient, type TestServer } from '../harness';
import { useRedisServer } from './redisFixture';
import { startTwoNodes } from './twoNodes';

/** A valid-looking key (right check digit) that is almost certainly not live. */
const unusedKey = (n: number) => keyFromPayload(String(n).padStart(8, '0'));

describe('two nodes sharing Redis: agent on node A, customer on node B', () => {
  const redis = useRedisServer();
  let a: TestServer;
  let b: TestServer;
  const clients: TestClient[] = [];
  before(async () => {
    [a, b] = await startTwoNodes(redis.server.url, { KEY_ATTEMPTS_PER_IP: '100' });
  });
  after(async () => {
    await a?.close();
    await b?.close();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  /** Agent signed in and connected on A; customer on B has claimed the key and consented. */
  async function pairAcrossNodes() {
    const { agent, sessionId, key } = await agentWithSession(a.url);
    const customer = await connect(b.url, 'customer');
    clients.push(agent, customer);
    customer.send({ type: 'key.claim', key });
    const accepted = await customer.next('key.accepted');
    customer.send({ type: 'consent', decision: 'accept' });
    const phases = [(await agent.next('session.update')).phase, (await agent.next('session.update')).phase];
    return { agent, customer, sessionId, accepted, phases };
  }

  it('pairs them: the customer sees who is asking, the agent sees the customer enter the key and consent', async () => {
    const { sessionId, accepted, phases } = await pairAcrossNodes();
    assert.equal(accepted.sessionId, sessionId);
    assert.equal(accepted.agent.displayName, 'Alice');
    assert.deepEqual(phases, ['key-entered', 'choosing-screen']);
  });

  it('relays signaling both ways across the nodes, in order, stamped with the sender', async () => {
    const { agent, customer, sessionId } = await pairAcrossNodes();
    customer.send({ type: 'share.state', state: 'sharing' });
    assert.equal((await agent.next('session.update')).phase, 'sharing');

    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
    customer.send({ type: 'signal', data: offer });
    const atAgent = await agent.next('signal');
    assert.deepEqual(atAgent, { type: 'signal', sessionId, from: 'customer', data: offer });

    const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };
    agent.send({ type: 'signal', sessionId, data: answer });
    assert.deepEqual(await customer.next('signal'), { type: 'signal', sessionId, from: 'agent', data: answer });

    // A burst of ICE candidates arrives complete and in the order sent.
    const candidates = Array.from({ length: 30 }, (_, i) => ({
      type: 'candidate',
      candidate: {
        candidate: `candidate:${i} 1 udp 2122260223 127.0.0.1 ${50000 + i} typ host`,
        sdpMid: '0',
        sdpMLineIndex: 0,
      },
    }));
    for (const data of candidates) customer.send({ type: 'signal', data });
    const received = [];
    for (let i = 0; i < candidates.length; i++) received.push((await agent.next('signal')).data);
    assert.deepEqual(received, candidates);
  });

  it('tells both sides when the agent on A ends the session', async () => {
    const { agent, customer, sessionId } = await pairAcrossNodes();
    agent.send({ type: 'session.end', sessionId });
    const expected = { type: 'session.ended', sessionId, by: 'agent', reason: 'ended' };
    assert.deepEqual(await agent.next('session.ended'), expected);
    assert.deepEqual(await customer.next('session.ended'), expected);
  });

  it('tells both sides when the customer on B ends the session, and the agent may start a new one', async () => {
    const { agent, customer, sessionId } = await pairAcrossNodes();
    customer.send({ type: 'session.end', reason: 'stopped' });
    const expected = { type: 'session.ended', sessionId, by: 'customer', reason: 'ended' };
    assert.deepEqual(await customer.next('session.ended'), expected);
    assert.deepEqual(await agent.next('session.ended'), expected);
    // A's connection dropped the ended session from its list, so "unknown-session" for it now.
    agent.send({ type: 'signal', sessionId, data: { type: 'renegotiate', renegotiate: true } });
    assert.equal((await agent.next('error')).code, 'unknown-session');
  });

  // The session waits for the one who left (resume); the end after the grace period is in
  // test/integration/resume.test.ts, resuming on the other node in resumeAcrossNodes.test.ts.
  it('tells the agent on A at once when the customer’s socket on B closes', async () => {
    const { agent, customer, sessionId } = await pairAcrossNodes();
    customer.close();
    assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
  });

  it('tells the customer on B when the agent’s console on A goes away', async () => {
    const { agent, customer, sessionId } = await pairAcrossNodes();
    agent.close();
    assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
  });

  it('hands the key to exactly one of many customers racing for it across both nodes', async () => {
    const { agent, key } = await agentWithSession(a.url);
    const racers = await Promise.all(Array.from({ length: 24 }, (_, i) => connect(i % 2 ? a.url : b.url, 'customer')));
    clients.push(agent, ...racers);
    for (const racer of racers) racer.send({ type: 'key.claim', key });
    const outcomes = await Promise.all(
      racers.map(async (racer) =>
        (await racer.receives('key.accepted', 2000)) ? 'won' : (await racer.next('error')).code,
      ),
    );
    const summary = `outcomes: ${outcomes.join(', ')}`;
    assert.equal(outcomes.filter((outcome) => outcome === 'won').length, 1, summary);
    assert.ok(outcomes.every((outcome) => outcome === 'won' || outcome === 'key-used'), summary);
    assert.equal((await agent.next('session.update')).phase, 'key-entered');
    assert.equal(await agent.receives('session.update', 300), false, 'the agent hears of one customer only');
  });

  it('answers a wrong key on B the same as on A', async () => {
    const customer = await connect(b.url, 'customer');
    clients.push(customer);
    customer.send({ type: 'key.claim', key: unusedKey(13572468) });
    assert.equal((await customer.next('error')).code, 'key-wrong');
  });

  it('kills the old key on every node when the agent on A asks for a new one', async () => {
    const { agent, key: oldKey, sessionId } = await agentWithSession(a.url);
    clients.push(agent);
    agent.send({ type: 'session.renewKey', sessionId });
    const renewed = await agent.next('session.key');
    const customer = await connect(b.url, 'customer');
    clients.push(customer);
    customer.send({ type: 'key.claim', key: oldKey });
    assert.equal((await customer.next('error')).code, 'key-replaced');
    customer.send({ type: 'key.claim', key: renewed.key });
    assert.equal((await customer.next('key.accepted')).sessionId, sessionId);
  });
});

describe('two nodes sharing Redis: stopping a node', () => {
  const redis = useRedisServer();

  it('hands the share over when node A (the agent’s) shuts down: the customer on B hears "away", the agent is told to reconnect', async () => {
    const [a, b] = await startTwoNodes(redis.server.url);
    try {
      const { agent, sessionId, key } = await agentWithSession(a.url);
      const customer = await connect(b.url, 'customer');
      customer.send({ type: 'key.claim', key });
      await customer.next('key.accepted');
      await a.close();
      assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
      assert.equal((await agent.closed).code, CloseCode.serviceRestart);
      customer.close();
    } finally {
      await a.close().catch(() => {}); // already closed unless the test failed early
      await b.close();
    }
  });
});
