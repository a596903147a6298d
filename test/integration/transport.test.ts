import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { WebSocket } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../signaling/protocol';
import { agentWithSession, connect, open, pairedSession, signIn, startTestServer, TestClient, type TestServer } from './harness';

describe('transport and authentication', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('refuses an agent socket without a signed-in cookie (401)', async () => {
    await assert.rejects(open(t.url, 'agent'), /HTTP 401/);
    await assert.rejects(open(t.url, 'agent', { cookie: 'screenshare_agent=forged-token' }), /HTTP 401/);
  });

  it('refuses a socket from a foreign page (403), even with a valid agent cookie', async () => {
    const cookie = await signIn(t.url);
    await assert.rejects(open(t.url, 'agent', { cookie, origin: 'https://evil.example' }), /HTTP 403/);
    await assert.rejects(open(t.url, 'customer', { origin: 'https://evil.example' }), /HTTP 403/);
    await assert.rejects(open(t.url, 'agent', { cookie, origin: null }), /HTTP 403/, 'agent sockets need an Origin');
  });

  it('accepts customer sockets from the desktop app\'s own origin, but never agent sockets', async () => {
    (await open(t.url, 'customer', { origin: 'app://customer' })).close();
    const cookie = await signIn(t.url);
    await assert.rejects(open(t.url, 'agent', { cookie, origin: 'app://customer' }), /HTTP 403/);
  });

  it('rejects a wrong password with 401 and signs out cleanly', async () => {
    const bad = await fetch(`${t.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'nope' }),
    });
    assert.equal(bad.status, 401);
    const cookie = await signIn(t.url);
    assert.equal((await fetch(`${t.url}/api/agent/me`, { headers: { cookie } })).status, 200);
    await fetch(`${t.url}/api/agent/logout`, { method: 'POST', headers: { cookie } });
    assert.equal((await fetch(`${t.url}/api/agent/me`, { headers: { cookie } })).status, 401);
    await assert.rejects(open(t.url, 'agent', { cookie }), /HTTP 401/);
  });

  it('closes a socket that sends more than the size limit with 1009', async () => {
    const customer = await connect(t.url, 'customer');
    customer.send('x'.repeat(MAX_MESSAGE_BYTES + 1));
    assert.equal((await customer.closed).code, 1009);
  });

  it('requires a versioned hello first', async () => {
    const early = new TestClient(await open(t.url, 'customer'));
    early.send({ type: 'key.claim', key: '123456789' });
    assert.equal((await early.next('error')).code, 'hello-required');
    assert.equal((await early.closed).code, 4400);
    const old = new TestClient(await open(t.url, 'customer'));
    old.send({ type: 'hello', protocol: 0, client: 'web' });
    assert.equal((await old.next('error')).code, 'unsupported-protocol');
  });

  it('answers malformed JSON and unknown messages with typed errors and stays open', async () => {
    const customer = await connect(t.url, 'customer');
    customer.send('{not json');
    assert.equal((await customer.next('error')).code, 'bad-message');
    customer.send({ type: 'teleport' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    customer.send({ type: 'session.create' });
    assert.equal((await customer.next('error')).code, 'not-allowed', 'a customer cannot act as an agent');
    customer.send({ type: 'key.claim', key: '12345678' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    assert.equal(customer.socket.readyState, WebSocket.OPEN);
    customer.close();
  });

  it('keeps a second agent out of another agent\'s session', async () => {
    const { agent, customer, sessionId } = await pairedSession(t.url);
    const other = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    other.send({ type: 'signal', sessionId, data: { type: 'answer', sdp: 'v=0' } });
    assert.equal((await other.next('error')).code, 'unknown-session');
    other.send({ type: 'session.renewKey', sessionId });
    assert.equal((await other.next('error')).code, 'unknown-session');
    other.send({ type: 'session.end', sessionId });
    assert.equal((await other.next('error')).code, 'unknown-session');
    customer.send({ type: 'signal', data: { type: 'offer', sdp: 'v=0' } });
    assert.equal((await agent.next('signal')).sessionId, sessionId);
    assert.equal(await other.receives('signal'), false, 'the other agent never sees its signaling');
    for (const c of [agent, customer, other]) c.close();
  });

  it('keeps a customer out of other sessions: a second key is refused', async () => {
    const first = await agentWithSession(t.url);
    const second = await agentWithSession(t.url);
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key: first.key });
    await customer.next('key.accepted');
    customer.send({ type: 'key.claim', key: second.key });
    assert.equal((await customer.next('error')).code, 'already-in-session');
    for (const c of [first.agent, second.agent, customer]) c.close();
  });

  it('serves the pages with a strict Content-Security-Policy', async () => {
    const response = await fetch(`${t.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal((await fetch(`${t.url}/agent`)).status, 200);
  });
});

describe('heartbeat (fake clock)', () => {
  let t: TestServer;
  let clock: FakeTimers.Clock;
  before(async () => {
    clock = FakeTimers.install({ toFake: ['setInterval', 'clearInterval'], shouldAdvanceTime: true });
    t = await startTestServer({ HEARTBEAT_INTERVAL_SECONDS: '10' });
  });
  after(async () => {
    await t.close();
    clock.uninstall();
  });

  // What follows (the session ends if the customer does not resume in time) is in resume.test.ts.
  it('terminates a customer that stops answering pings and tells the agent within 30 s', async () => {
    const { agent, sessionId, key } = await agentWithSession(t.url);
    const silent = new WebSocket(t.url.replace(/^http/, 'ws') + '/ws/customer', { origin: t.url, autoPong: false });
    // The heartbeat spreads its pings over the interval: time everything from this socket's first ping.
    const firstPingAt = new Promise<number>((resolve) => silent.once('ping', () => resolve(clock.now)));
    await new Promise((resolve) => silent.once('open', resolve));
    const customer = new TestClient(silent);
    customer.send({ type: 'hello', protocol: 1, client: 'test' });
    await customer.next('welcome');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    await clock.tickAsync(1_000);
    const pingedAt = await firstPingAt;
    await clock.tickAsync(Math.max(0, pingedAt + 9_000 - clock.now));
    assert.equal(await agent.receives('session.peer', 50), false, 'one missed ping is tolerated');
    await clock.tickAsync(12_000);
    assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    agent.close();
  });

  it('keeps a healthy connection open across many heartbeats', async () => {
    const { agent, customer } = await pairedSession(t.url);
    for (let beat = 0; beat < 6; beat++) {
      const pinged = new Promise((resolve) => customer.socket.once('ping', resolve));
      await clock.tickAsync(10_000);
      await pinged;
      // the pong travels back over a real socket before the next beat
      assert.equal(await agent.receives('session.peer', 50), false);
    }
    assert.equal(customer.socket.readyState, WebSocket.OPEN);
    agent.close();
    customer.close();
  });
});
