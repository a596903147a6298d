import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { keyFromPayload } from '../../signaling/protocol';
import { agentWithSession, connect, startTestServer, type TestServer } from './harness';

/** A valid-looking key (right check digit) that is almost certainly not live. */
const unusedKey = (n: number) => keyFromPayload(String(n).padStart(8, '0'));

describe('security keys', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ KEY_ATTEMPTS_PER_IP: '50' });
  });
  after(() => t.close());

  it('answers "key-wrong" for a key nobody issued, and logs the failure without the key', async () => {
    const customer = await connect(t.url, 'customer');
    const key = unusedKey(12345678);
    customer.send({ type: 'key.claim', key });
    assert.equal((await customer.next('error')).code, 'key-wrong');
    const failures = t.logLines.filter((line) => line.includes('key attempt failed'));
    assert.ok(failures.length > 0, 'the failed attempt is logged');
    assert.ok(failures.every((line) => !line.includes(key)), 'the key itself never appears in the log');
    customer.close();
  });

  it('answers "key-malformed" for a key with a wrong check digit', async () => {
    const customer = await connect(t.url, 'customer');
    const good = unusedKey(22222222);
    const typo = good.slice(0, 8) + String((Number(good[8]) + 1) % 10);
    customer.send({ type: 'key.claim', key: typo });
    assert.equal((await customer.next('error')).code, 'key-malformed');
    customer.close();
  });

  it('lets a key be used once only', async () => {
    const { agent, key } = await agentWithSession(t.url);
    const first = await connect(t.url, 'customer');
    first.send({ type: 'key.claim', key });
    await first.next('key.accepted');
    const second = await connect(t.url, 'customer');
    second.send({ type: 'key.claim', key });
    assert.equal((await second.next('error')).code, 'key-used');
    for (const c of [agent, first, second]) c.close();
  });

  it('kills the old key when the agent asks for a new one', async () => {
    const { agent, key: oldKey, sessionId } = await agentWithSession(t.url);
    agent.send({ type: 'session.renewKey', sessionId });
    const renewed = await agent.next('session.key');
    assert.notEqual(renewed.key, oldKey);
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key: oldKey });
    assert.equal((await customer.next('error')).code, 'key-replaced');
    customer.send({ type: 'key.claim', key: renewed.key });
    assert.equal((await customer.next('key.accepted')).sessionId, sessionId);
    agent.close();
    customer.close();
  });

  it('kills the key when the agent ends the session before anyone joined', async () => {
    const { agent, key, sessionId } = await agentWithSession(t.url);
    agent.send({ type: 'session.end', sessionId });
    await agent.next('session.ended');
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    assert.notEqual((await customer.next('error')).code, undefined);
    assert.equal(await customer.receives('key.accepted'), false);
    agent.close();
    customer.close();
  });

  it('lets a browser that cannot share check a key without using it up, and tells the agent why', async () => {
    const { agent, key, sessionId } = await agentWithSession(t.url);
    const phone = await connect(t.url, 'customer');
    phone.send({ type: 'key.cannotShare', key, ref: 'p1' });
    const told = await phone.next('key.agentTold');
    assert.equal(told.ref, 'p1');
    assert.equal(told.agent.displayName.length > 0, true, 'the customer learns who was told');
    assert.deepEqual(await agent.next('session.customerCannotShare'), { type: 'session.customerCannotShare', sessionId });
    assert.equal(await phone.receives('session.token', 300), false, 'the phone holds no place in the session');
    const computer = await connect(t.url, 'customer');
    computer.send({ type: 'key.claim', key });
    assert.equal((await computer.next('key.accepted')).sessionId, sessionId, 'the key still works on a computer');
    phone.send({ type: 'key.cannotShare', key });
    assert.equal((await phone.next('error')).code, 'key-used');
    for (const c of [agent, phone, computer]) c.close();
  });

  it('answers a wrong key from a browser that cannot share like any wrong key, and tells no agent', async () => {
    const { agent } = await agentWithSession(t.url);
    const phone = await connect(t.url, 'customer');
    phone.send({ type: 'key.cannotShare', key: unusedKey(31415926) });
    assert.equal((await phone.next('error')).code, 'key-wrong');
    assert.equal(await agent.receives('session.customerCannotShare', 300), false);
    agent.close();
    phone.close();
  });

  it('refuses key.cannotShare from an agent (customers only)', async () => {
    const { agent, key } = await agentWithSession(t.url);
    agent.send({ type: 'key.cannotShare', key });
    assert.equal((await agent.next('error')).code, 'not-allowed');
    agent.close();
  });

  it('hands exactly one customer the session when many race for the same key', async () => {
    const { agent, key } = await agentWithSession(t.url);
    const racers = await Promise.all(Array.from({ length: 10 }, () => connect(t.url, 'customer')));
    for (const racer of racers) racer.send({ type: 'key.claim', key });
    // Every racer gets an answer: the session, or an error; waiting for it (not a time window) holds on a busy machine.
    const outcomes = await Promise.all(
      racers.map(async (racer) => ((await racer.nextOf(['key.accepted', 'error'], 15_000)).type === 'key.accepted' ? 'won' : 'lost')),
    );
    assert.equal(outcomes.filter((o) => o === 'won').length, 1);
    for (const c of [agent, ...racers]) c.close();
  });
});

describe('key expiry (fake clock)', () => {
  let t: TestServer;
  let clock: FakeTimers.Clock;
  before(async () => {
    t = await startTestServer({ KEY_TTL_SECONDS: '300' });
  });
  after(() => t.close());
  afterEach(() => clock?.uninstall());

  it('expires an unused key after KEY_TTL_SECONDS, tells the agent, and a new key works again', async () => {
    const { agent, key, sessionId } = await agentWithSession(t.url);
    clock = FakeTimers.install({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true, shouldClearNativeTimers: true });
    // The expiry timer was set with the real clock; re-issue under the fake one.
    agent.send({ type: 'session.renewKey', sessionId });
    const renewed = await agent.next('session.key');
    await clock.tickAsync(299_000);
    assert.equal(await agent.receives('session.update', 50), false, 'still valid at 4:59');
    await clock.tickAsync(1_500);
    const update = await agent.next('session.update');
    assert.equal(update.phase, 'key-expired');
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key: renewed.key });
    assert.equal((await customer.next('error')).code, 'key-expired');
    customer.send({ type: 'key.claim', key });
    assert.equal((await customer.next('error')).code, 'key-replaced');
    agent.send({ type: 'session.renewKey', sessionId });
    const fresh = await agent.next('session.key');
    customer.send({ type: 'key.claim', key: fresh.key });
    assert.equal((await customer.next('key.accepted')).sessionId, sessionId);
    agent.close();
    customer.close();
  });
});

describe('key guessing limits', () => {
  it('locks one IP out after KEY_ATTEMPTS_PER_IP failures, and says when to retry', async () => {
    const t = await startTestServer({ KEY_ATTEMPTS_PER_IP: '3', KEY_ATTEMPTS_GLOBAL: '100' });
    try {
      const { agent, key } = await agentWithSession(t.url);
      const guesser = await connect(t.url, 'customer');
      for (let i = 0; i < 3; i++) {
        guesser.send({ type: 'key.claim', key: unusedKey(40000000 + i) });
        assert.equal((await guesser.next('error')).code, 'key-wrong');
      }
      guesser.send({ type: 'key.claim', key });
      const locked = await guesser.next('error');
      assert.equal(locked.code, 'too-many-attempts', 'even the right key is refused while locked out');
      assert.ok((locked.retryAfterMs ?? 0) > 60_000);
      agent.close();
      guesser.close();
    } finally {
      await t.close();
    }
  });

  it('locks key entry server-wide after KEY_ATTEMPTS_GLOBAL failures from many addresses', async () => {
    const t = await startTestServer({ KEY_ATTEMPTS_PER_IP: '100', KEY_ATTEMPTS_GLOBAL: '4', TRUST_PROXY: 'true' });
    try {
      for (let i = 0; i < 4; i++) {
        const guesser = await connect(t.url, 'customer', { forwardedFor: `203.0.113.${i}` });
        guesser.send({ type: 'key.claim', key: unusedKey(50000000 + i) });
        assert.equal((await guesser.next('error')).code, 'key-wrong');
        guesser.close();
      }
      const innocent = await connect(t.url, 'customer', { forwardedFor: '198.51.100.7' });
      innocent.send({ type: 'key.claim', key: unusedKey(60000000) });
      assert.equal((await innocent.next('error')).code, 'too-many-attempts');
      innocent.close();
    } finally {
      await t.close();
    }
  });
});
