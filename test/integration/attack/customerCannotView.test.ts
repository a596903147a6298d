import { strict as assert } from 'node:assert';
import { agentWithSession, connect, open, pairedSession, startTestServer, type TestClient, type TestServer } from '../harness';
import { readSequence, sequencedSignal } from './sequencedSignals';

/**
 * A customer holding a valid key may only SEND its screen to the agent who created that key. Here
 * it tries every way to receive instead: acting as the answering side, claiming twice, sending
 * agent-only messages, naming someone else's session, hopping onto the agent socket. It must
 * get typed errors, and never a signal from any session but its own agent's.
 */
describe('attack: a customer with a valid key tries to receive a picture', function () {
  this.timeout(30_000);
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  /** How many signals reach this client from now on (none are expected in these tests). */
  async function signalsOf(client: TestClient, withinMs = 300): Promise<number> {
    let count = 0;
    while (await client.receives('signal', withinMs)) count++;
    return count;
  }

  it('gets typed errors for agent-only messages and for naming any session id', async () => {
    const victim = await pairedSession(t.url); // someone else's live session
    const { agent, customer: attacker, sessionId: ownSessionId } = await pairedSession(t.url);
    const attempts: Array<[object, string]> = [
      [{ type: 'session.create' }, 'not-allowed'],
      [{ type: 'session.renewKey', sessionId: victim.sessionId }, 'not-allowed'],
      [{ type: 'session.end', sessionId: victim.sessionId }, 'bad-message'],
      [{ type: 'signal', sessionId: victim.sessionId, data: { type: 'answer', sdp: 'v=0' } }, 'bad-message'],
      [{ type: 'signal', from: 'agent', data: { type: 'offer', sdp: 'v=0' } }, 'bad-message'],
      [{ type: 'key.claim', key: victim.key }, 'already-in-session'],
      [{ type: 'consent', decision: 'accept' }, 'not-allowed'],
      [{ type: 'hello', protocol: 1, client: 'agent-console' }, 'bad-message'],
    ];
    for (const [message, code] of attempts) {
      attacker.send(message);
      assert.equal((await attacker.next('error')).code, code, JSON.stringify(message));
    }
    // The victim's agent talks to its own customer; none of it reaches the attacker.
    victim.agent.send({ type: 'signal', sessionId: victim.sessionId, data: sequencedSignal('offer', 'victim', 0) });
    assert.equal(readSequence((await victim.customer.next('signal')).data)?.tag, 'victim');
    assert.equal(await signalsOf(attacker), 0, 'the attacker never receives a signal');
    assert.equal(await victim.agent.receives('signal', 200), false, 'and the victim agent got nothing from the attacker');
    // Its own session is unharmed by the attempts: its agent still hears it.
    attacker.send({ type: 'signal', data: sequencedSignal('offer', 'attacker', 1) });
    const atOwnAgent = await agent.next('signal');
    assert.equal(atOwnAgent.sessionId, ownSessionId);
    assert.equal(atOwnAgent.from, 'customer');
    for (const c of [victim.agent, victim.customer, agent, attacker]) c.close();
  });

  it('acting as the receiving side (answer without offer, renegotiate, asking for a video transceiver) only ever reaches its own agent, stamped as the customer', async () => {
    const { agent, customer: attacker, sessionId } = await pairedSession(t.url);
    const receiverMoves = [
      { type: 'answer', sdp: 'v=0\r\na=recvonly\r\n' },
      { type: 'renegotiate', renegotiate: true },
      { type: 'transceiverRequest', transceiverRequest: { kind: 'video', init: { direction: 'recvonly' } } },
      { type: 'offer', sdp: 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n' },
    ];
    for (const data of receiverMoves) {
      attacker.send({ type: 'signal', data });
      const relayed = await agent.next('signal');
      assert.deepEqual(relayed, { type: 'signal', sessionId, from: 'customer', data }, 'the agent sees who really sent it');
    }
    assert.equal(await signalsOf(attacker), 0, 'nothing comes back unless the agent itself answers');
    agent.close();
    attacker.close();
  });

  it('cannot claim a key twice, nor a second session, nor a used key from another socket', async () => {
    const first = await agentWithSession(t.url);
    const second = await agentWithSession(t.url);
    const attacker = await connect(t.url, 'customer');
    attacker.send({ type: 'key.claim', key: first.key });
    await attacker.next('key.accepted');
    attacker.send({ type: 'key.claim', key: first.key });
    assert.equal((await attacker.next('error')).code, 'already-in-session');
    attacker.send({ type: 'key.claim', key: second.key });
    assert.equal((await attacker.next('error')).code, 'already-in-session');
    const accomplice = await connect(t.url, 'customer');
    accomplice.send({ type: 'key.claim', key: first.key });
    assert.equal((await accomplice.next('error')).code, 'key-used');
    accomplice.send({ type: 'signal', data: { type: 'answer', sdp: 'v=0' } });
    assert.equal((await accomplice.next('error')).code, 'unknown-session');
    // Before consent no picture is negotiated in either direction (only a connection without media).
    attacker.send({ type: 'signal', data: { type: 'answer', sdp: 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=recvonly\r\n' } });
    assert.equal((await attacker.next('error')).code, 'not-allowed');
    first.agent.send({ type: 'signal', sessionId: first.sessionId, data: { type: 'offer', sdp: 'v=0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\n' } });
    assert.equal((await first.agent.next('error')).code, 'not-allowed');
    first.agent.send({ type: 'signal', sessionId: first.sessionId, data: { type: 'transceiverRequest', transceiverRequest: { kind: 'video' } } });
    assert.equal((await first.agent.next('error')).code, 'not-allowed');
    assert.equal(await signalsOf(attacker), 0);
    assert.equal(await signalsOf(accomplice), 0);
    for (const c of [first.agent, second.agent, attacker, accomplice]) c.close();
  });

  it('cannot open the agent socket with a key instead of a sign-in (401)', async () => {
    const { agent, key } = await agentWithSession(t.url);
    await assert.rejects(open(t.url, 'agent'), /HTTP 401/);
    await assert.rejects(open(t.url, 'agent', { cookie: `screenshare_agent=${key}` }), /HTTP 401/);
    await assert.rejects(open(`${t.url}`, 'agent', { cookie: `key=${key}` }), /HTTP 401/);
    agent.close();
  });
});
