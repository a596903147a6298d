import { strict as assert } from 'node:assert';
import { agentWithSession, connect, pairedSession, startTestServer, type TestClient, type TestServer } from './harness';

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' } as const;

describe('ICE configuration', () => {
  it('welcomes every socket with the public servers only, and gives TURN credentials per session with the relay policy', async () => {
    const t = await startTestServer({
      ICE_SERVERS: '[{"urls":"stun:127.0.0.1:3478"},{"urls":"turn:127.0.0.1:3478"}]',
      TURN_SECRET: 'shared-secret-with-coturn',
      ICE_TRANSPORT_POLICY: 'relay',
    });
    try {
      const { agent, sessionId, key } = await agentWithSession(t.url);
      const customer = await connect(t.url, 'customer');
      assert.equal(customer.welcome?.iceTransportPolicy, 'relay');
      assert.deepEqual(customer.welcome?.iceServers, [{ urls: 'stun:127.0.0.1:3478' }], 'no TURN before a key is accepted');
      customer.send({ type: 'key.claim', key });
      const ice = await customer.next('session.ice');
      const turn = ice.iceServers.find((server) => server.urls === 'turn:127.0.0.1:3478');
      const [expiry, session, role] = (turn?.username ?? '').split(':');
      assert.deepEqual([session, role], [sessionId, 'customer']);
      const lifetime = Number(expiry) - Date.now() / 1000;
      assert.ok(lifetime > 3600 - 5 && lifetime <= 3600, 'valid for TURN_CREDENTIAL_TTL_SECONDS (1 h)');
      assert.ok(turn?.credential && turn.credential !== 'shared-secret-with-coturn', 'never the secret itself');
      assert.match((await agent.next('session.ice')).iceServers[1]?.username ?? '', new RegExp(`^\\d+:${sessionId}:agent$`));
      customer.close();
      agent.close();
    } finally {
      await t.close();
    }
  });
});

describe('pairing and relay', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('gives the agent a 9-digit key and the customer the agent\'s name after claiming it', async () => {
    const { agent, key, expiresAt } = await agentWithSession(t.url);
    assert.match(key, /^\d{9}$/);
    assert.ok(expiresAt > Date.now() + 290_000 && expiresAt <= Date.now() + 300_000, 'expires 5 minutes from now');
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key, ref: 'k' });
    const accepted = await customer.next('key.accepted');
    assert.deepEqual(accepted.agent, { displayName: 'Alice', organisation: 'Support' });
    assert.equal(accepted.ref, 'k');
    assert.equal((await agent.next('session.update')).phase, 'key-entered');
    agent.close();
    customer.close();
  });

  it('moves the agent through consent, choosing and sharing', async () => {
    const { agent, customer } = await pairedSession(t.url);
    customer.send({ type: 'share.state', state: 'sharing' });
    assert.equal((await agent.next('session.update')).phase, 'sharing');
    agent.close();
    customer.close();
  });

  it('relays signaling both ways, stamped with the sender\'s role by the server', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    customer.send({ type: 'signal', data: offer });
    const atAgent = await agent.next('signal');
    assert.deepEqual(atAgent, { type: 'signal', sessionId, from: 'customer', data: offer });
    const answer = { type: 'answer', sdp: 'v=0\r\n' };
    agent.send({ type: 'signal', sessionId, data: answer });
    const atCustomer = await customer.next('signal');
    assert.equal(atCustomer.from, 'agent');
    assert.deepEqual(atCustomer.data, answer);
    agent.close();
    customer.close();
  });

  it('relays a signal as JSON with each key once, and only the fields the protocol knows', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54321 typ host', sdpMLineIndex: 0, sdpMid: '0' };
    let atAgent = nextSignalText(agent);
    customer.send({ type: 'signal', data: { type: 'candidate', candidate } });
    const text = await atAgent;
    assert.deepEqual(JSON.parse(text), { type: 'signal', sessionId, from: 'customer', data: { type: 'candidate', candidate } });
    assert.deepEqual([text.split('"from":').length, text.split('"sessionId":').length], [2, 2], 'no key twice');
    atAgent = nextSignalText(agent);
    customer.send({ type: 'signal', data: { type: 'candidate', candidate: { ...candidate, injected: '<img>' }, extra: 1 } });
    assert.deepEqual(JSON.parse(await atAgent), { type: 'signal', sessionId, from: 'customer', data: { type: 'candidate', candidate } });
    agent.close();
    customer.close();
  });

  it('refuses a forged sender field instead of relaying it', async () => {
    const { agent, customer } = await pairedSession(t.url);
    customer.send({ type: 'signal', from: 'agent', data: offer });
    assert.equal((await customer.next('error')).code, 'bad-message');
    assert.equal(await agent.receives('signal'), false);
    agent.close();
    customer.close();
  });

  it('before the customer consented, relays a connection without media only: no video or audio section, no transceiver request', async () => {
    const { agent, sessionId, key } = await agentWithSession(t.url);
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    const withVideo = { type: 'offer', sdp: `${offer.sdp}m=video 9 UDP/TLS/RTP/SAVPF 96\r\n` } as const;
    const withAudio = { type: 'offer', sdp: `${offer.sdp}m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n` } as const;
    for (const data of [withVideo, withAudio]) {
      customer.send({ type: 'signal', data });
      assert.equal((await customer.next('error')).code, 'not-allowed');
    }
    agent.send({ type: 'signal', sessionId, data: { type: 'answer', sdp: withVideo.sdp } });
    assert.equal((await agent.next('error')).code, 'not-allowed');
    agent.send({ type: 'signal', sessionId, data: { type: 'transceiverRequest', transceiverRequest: { kind: 'video' } } });
    assert.equal((await agent.next('error')).code, 'not-allowed');
    assert.equal(await agent.receives('signal'), false);

    const dataChannelOnly = { type: 'offer', sdp: `${offer.sdp}m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n` } as const;
    customer.send({ type: 'signal', data: dataChannelOnly });
    assert.deepEqual((await agent.next('signal')).data, dataChannelOnly);

    customer.send({ type: 'consent', decision: 'accept' });
    let update = await agent.next('session.update');
    while (update.phase !== 'choosing-screen') update = await agent.next('session.update');
    customer.send({ type: 'signal', data: withVideo });
    assert.deepEqual((await agent.next('signal')).data, withVideo, 'after consent the picture may be negotiated');
    agent.close();
    customer.close();
  });

  it('lets one agent run several sessions at once, each with its own customer', async () => {
    const { agent, sessionId: first, key: firstKey } = await agentWithSession(t.url);
    agent.send({ type: 'session.create', ref: 'second' });
    const second = await agent.next('session.key');
    assert.notEqual(second.sessionId, first);
    const c1 = await connect(t.url, 'customer');
    const c2 = await connect(t.url, 'customer');
    c1.send({ type: 'key.claim', key: firstKey });
    c2.send({ type: 'key.claim', key: second.key });
    assert.equal((await c1.next('key.accepted')).sessionId, first);
    assert.equal((await c2.next('key.accepted')).sessionId, second.sessionId);
    for (const c of [c1, c2]) c.send({ type: 'consent', decision: 'accept' });
    await agent.next('session.update');
    await agent.next('session.update');
    await agent.next('session.update');
    await agent.next('session.update');
    agent.send({ type: 'signal', sessionId: second.sessionId, data: offer });
    assert.equal((await c2.next('signal')).sessionId, second.sessionId);
    assert.equal(await c1.receives('signal'), false, 'the other customer gets nothing');
    for (const c of [agent, c1, c2]) c.close();
  });

  it('tells both sides who ended the session: the agent', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    agent.send({ type: 'session.end', sessionId });
    for (const side of [agent, customer]) {
      const ended = await side.next('session.ended');
      assert.deepEqual(ended, { type: 'session.ended', sessionId, by: 'agent', reason: 'ended' });
    }
    agent.close();
    customer.close();
  });

  it('tells both sides who ended the session: the customer', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    customer.send({ type: 'session.end', reason: 'stopped' });
    for (const side of [agent, customer]) {
      assert.deepEqual(await side.next('session.ended'), { type: 'session.ended', sessionId, by: 'customer', reason: 'ended' });
    }
    agent.close();
    customer.close();
  });

  it('ends the session as declined when the customer says no', async () => {
    const { agent, key, sessionId } = await agentWithSession(t.url);
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    customer.send({ type: 'consent', decision: 'decline' });
    assert.deepEqual(await agent.next('session.ended'), { type: 'session.ended', sessionId, by: 'customer', reason: 'declined' });
    agent.close();
    customer.close();
  });

  // The session itself survives for the resume grace period (test/integration/resume.test.ts).
  it('tells the agent at once when the customer\'s socket closes', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    customer.close();
    assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    agent.close();
  });

  it('tells the customer when the agent\'s console goes away', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    agent.close();
    assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    customer.close();
  });
});

/** The raw text of the next signal a client receives (its parsed form would hide a key sent twice). */
function nextSignalText(client: TestClient): Promise<string> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const text = data.toString();
      if (!text.includes('"type":"signal"')) return;
      client.socket.off('message', onMessage);
      resolve(text);
    };
    client.socket.on('message', onMessage);
  });
}
