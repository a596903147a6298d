import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import fc from 'fast-check';
import { MAX_MESSAGE_BYTES } from '../../../signaling/protocol';
import { MESSAGES_PER_WINDOW } from '../../../signaling/server/limits/messageRateLimiter';
import { agentWithSession, connect, open, pairedSession, signIn, startTestServer, type TestServer } from '../harness';
import { attackConnect } from './attackClient';
import { readSequence, sequencedSignal, WitnessSession } from './sequencedSignals';

/**
 * Oversize frames, floods, foreign origins and forged sign-in cookies, each next to a witness
 * session whose signal round trip must keep working and which must see nothing of the attack.
 */
describe('attack: oversize frames, floods, origins, cookies', function () {
  this.timeout(60_000);
  let t: TestServer;
  let witness: WitnessSession;
  let cookie: string;

  before(async () => {
    t = await startTestServer();
    witness = await WitnessSession.start(t.url);
    cookie = await signIn(t.url);
  });
  after(async () => {
    witness?.close();
    await t?.close();
  });
  afterEach(async () => {
    await witness.roundTrip();
    await witness.assertUntouched();
  });

  it('closes agent and customer sockets with 1009 for frames over 64 KiB, and takes one of exactly 64 KiB', async () => {
    for (const role of ['customer', 'agent'] as const) {
      for (const size of [MAX_MESSAGE_BYTES + 1, 1024 * 1024]) {
        const client = await attackConnect(t.url, role, role === 'agent' ? { cookie } : {});
        client.send('x'.repeat(size));
        assert.equal((await client.closed).code, 1009, `${role}, ${size} bytes`);
      }
      const atLimit = await attackConnect(t.url, role, role === 'agent' ? { cookie } : {});
      const filler = 'x'.repeat(MAX_MESSAGE_BYTES - JSON.stringify({ type: 'signal', pad: '' }).length);
      atLimit.send(JSON.stringify({ type: 'signal', pad: filler }));
      assert.ok(await atLimit.until((received) => received.some((m) => m.type === 'error' && m.code === 'bad-message')));
      assert.equal(atLimit.isOpen, true, 'a frame right at the limit is answered, not cut off');
      atLimit.close();
    }
  });

  it('holds the message rate limit against a flood, while another session keeps relaying in order', async () => {
    const { agent, customer: flooder } = await pairedSession(t.url);
    const received: number[] = [];
    const flooded = 2_000;
    // The flooding customer's own agent counts what got through.
    const counting = (async () => {
      for (;;) {
        try {
          const signal = await agent.next('signal', 1_500);
          const sequence = readSequence(signal.data);
          if (sequence) received.push(sequence.seq);
        } catch {
          return;
        }
      }
    })();
    const witnessRoundTrips = (async () => {
      for (let i = 0; i < 30; i++) await witness.roundTrip();
    })();
    for (let seq = 0; seq < flooded; seq++) flooder.send({ type: 'signal', data: sequencedSignal('offer', 'flood', seq) });

    const rateLimited = await flooder.next('error');
    assert.equal(rateLimited.code, 'rate-limited');
    assert.equal((await flooder.closed).code, 4429, 'a client that keeps flooding is disconnected');
    await witnessRoundTrips;
    await counting;
    assert.ok(received.length <= 2 * MESSAGES_PER_WINDOW, `at most a window or two of the flood got through (${received.length})`);
    assert.deepEqual(received, [...received].sort((a, b) => a - b), 'what got through is in order');
    assert.equal(new Set(received).size, received.length, 'nothing was duplicated');
    agent.close();
  });

  it('disconnects a flooding agent the same way', async () => {
    const flooder = await attackConnect(t.url, 'agent', { cookie });
    for (let i = 0; i < 1_000; i++) flooder.send({ type: 'session.renewKey', sessionId: 'flood-flood-flood-flood', ref: String(i) });
    assert.equal((await flooder.closed).code, 4429);
    const rateLimited = flooder.received.filter((m) => m.type === 'error' && m.code === 'rate-limited');
    assert.equal(rateLimited.length, 1, 'told once, then dropped');
    assert.ok(flooder.received.length <= 2 * MESSAGES_PER_WINDOW + 1, `at most a window or two answered (${flooder.received.length})`);
  });

  it('refuses sockets from foreign and look-alike origins (403), agent and customer alike', async () => {
    const own = new URL(t.url);
    const lookAlikes = [
      `${t.url}.evil.example`,
      `http://${own.hostname}:${Number(own.port) + 1}`,
      `https://${own.host}`,
      `http://localhost:${own.port}`,
      `http://${own.host}@evil.example`,
      `${t.url}/`,
      t.url.toUpperCase(),
      'null',
      'file://',
      'app://customer.evil.example',
    ];
    const random = fc.sample(fc.webUrl().map((url) => new URL(url).origin), { numRuns: 40, seed: 7 });
    for (const origin of [...lookAlikes, ...random]) {
      await assert.rejects(open(t.url, 'agent', { cookie, origin }), /HTTP 403/, `agent socket from ${origin}`);
      await assert.rejects(open(t.url, 'customer', { origin }), /HTTP 403/, `customer socket from ${origin}`);
    }
    (await open(t.url, 'agent', { cookie })).close();
  });

  it('refuses agent sockets with missing, random, tampered, renamed or signed-out cookies (401)', async () => {
    const token = cookie.split('=')[1] ?? '';
    const tampered = [...token].map((char, index) =>
      `screenshare_agent=${token.slice(0, index)}${char === 'A' ? 'B' : 'A'}${token.slice(index + 1)}`,
    );
    const random = fc.sample(
      fc.oneof(fc.base64String({ minLength: 40, maxLength: 48 }), fc.string({ unit: 'binary-ascii', maxLength: 60 })),
      { numRuns: 40, seed: 11 },
    ).map((value) => `screenshare_agent=${encodeURIComponent(value)}`);
    const forged = [
      '',
      'screenshare_agent=',
      `screenshare_agent=${token}x`,
      `screenshare_agent=${token.slice(0, -1)}`,
      `screenshare_agent=${token.toUpperCase()}`,
      `screenshare_agents=${token}`,
      `other=${token}`,
      ...tampered.filter((_, index) => index % 4 === 0),
      ...random,
    ];
    for (const attempt of forged) {
      await assert.rejects(open(t.url, 'agent', attempt ? { cookie: attempt } : {}), /HTTP 401/, attempt);
    }
    // The real agent is not locked out by all of that.
    (await open(t.url, 'agent', { cookie })).close();

    const signedOut = await signIn(t.url);
    await fetch(`${t.url}/api/agent/logout`, { method: 'POST', headers: { cookie: signedOut } });
    await assert.rejects(open(t.url, 'agent', { cookie: signedOut }), /HTTP 401/, 'a signed-out cookie');
  });

  it('refuses an agent cookie once its sign-in has expired (AGENT_SESSION_HOURS, fake clock)', async () => {
    const clock = FakeTimers.install({ toFake: ['Date'], shouldAdvanceTime: true });
    try {
      const expiring = await signIn(t.url);
      (await open(t.url, 'agent', { cookie: expiring })).close();
      clock.tick(12 * 3_600_000 + 1_000);
      await assert.rejects(open(t.url, 'agent', { cookie: expiring }), /HTTP 401/);
    } finally {
      clock.uninstall();
    }
  });

  it('lets a customer socket with an agent\'s cookie do nothing an agent can', async () => {
    const customer = await connect(t.url, 'customer', { cookie });
    assert.equal(customer.welcome?.role, 'customer');
    assert.equal(customer.welcome?.agent, undefined);
    customer.send({ type: 'session.create' });
    assert.equal((await customer.next('error')).code, 'not-allowed');
    customer.close();
    const { agent } = await agentWithSession(t.url, cookie);
    agent.close();
  });
});
