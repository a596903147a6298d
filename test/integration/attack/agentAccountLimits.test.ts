import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../signaling/server/config';
import { serverWithTwoAgents, signIn, type TestServer } from '../harness';
import { attackConnect, type AttackClient } from './attackClient';

const DEFAULTS = loadConfig({}).agentLimits;

/**
 * Limits hold per agent account, not per socket: a (stolen or scripted) agent sign-in opening
 * socket after socket gets no more live sessions, and no more keys per minute, than one console.
 * Every key is remembered for an hour after it dies, so a key flood would fill the server's memory.
 */
describe('attack: one agent account on many sockets', function () {
  this.timeout(30_000);
  let t: TestServer;
  const clients: AttackClient[] = [];
  beforeEach(async () => {
    t = await serverWithTwoAgents({
      MAX_SESSIONS_PER_AGENT: String(DEFAULTS.maxSessions),
      KEYS_PER_AGENT_PER_MINUTE: String(DEFAULTS.keysPerMinute),
    });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await t.close();
  });

  async function consoles(count: number, username = 'alice', password = 'secret-alice'): Promise<AttackClient[]> {
    const cookie = await signIn(t.url, username, password);
    const opened = await Promise.all(Array.from({ length: count }, () => attackConnect(t.url, 'agent', { cookie })));
    clients.push(...opened);
    return opened;
  }

  /** Sends `count` messages on a socket and sorts their answers (matched by ref) into keys and refusals. */
  async function burst(agent: AttackClient, count: number, message: () => object, tag = 'b') {
    for (let i = 0; i < count; i++) agent.send({ ...message(), ref: `${tag}${i}` });
    const answers = () =>
      agent.received.filter((m) => (m.type === 'session.key' || m.type === 'error') && m.ref?.startsWith(tag));
    assert.ok(await agent.until(() => answers().length >= count), 'every request was answered');
    const keys = answers().filter((m) => m.type === 'session.key').length;
    const limited = answers().filter((m) => m.type === 'error' && m.code === 'rate-limited').length;
    assert.equal(keys + limited, count, `only keys and rate-limited errors: ${JSON.stringify(answers())}`);
    return { keys, limited };
  }

  const keyOf = (agent: AttackClient, ref: string) =>
    agent.until((received) => received.some((m) => m.type === 'session.key' && m.ref === ref)).then(
      () => agent.received.find((m) => m.type === 'session.key' && m.ref === ref) as { sessionId: string; ref: string },
    );

  it(`five consoles of one account get ${DEFAULTS.maxSessions} live sessions together, not five times as many`, async () => {
    const five = await consoles(5);
    const results = await Promise.all(five.map((agent) => burst(agent, 20, () => ({ type: 'session.create' }))));
    const keys = results.reduce((sum, result) => sum + result.keys, 0);
    assert.equal(keys, DEFAULTS.maxSessions, `${keys} sessions for one account`);

    const [bob] = await consoles(1, 'bob', 'secret-bob');
    assert.ok(bob);
    bob.send({ type: 'session.create', ref: 'bob' });
    assert.equal((await keyOf(bob, 'bob')).ref, 'bob', 'another account is not affected');
  });

  it(`renewing keys as fast as the socket allows gives ${DEFAULTS.keysPerMinute} keys a minute, from all consoles together`, async () => {
    const [first, second] = await consoles(2);
    assert.ok(first && second);
    first.send({ type: 'session.create', ref: 'create' });
    const { sessionId } = await keyOf(first, 'create');
    second.send({ type: 'session.create', ref: 'create' });
    const other = await keyOf(second, 'create');
    const renewals = await Promise.all([
      burst(first, 100, () => ({ type: 'session.renewKey', sessionId })),
      burst(second, 100, () => ({ type: 'session.renewKey', sessionId: other.sessionId })),
    ]);
    const keys = 2 + renewals[0].keys + renewals[1].keys;
    assert.equal(keys, DEFAULTS.keysPerMinute, `${keys} keys in a burst of 202`);
  });

  it('an ended session frees its place', async () => {
    const [agent] = await consoles(1);
    assert.ok(agent);
    const created = await burst(agent, DEFAULTS.maxSessions + 1, () => ({ type: 'session.create' }));
    assert.deepEqual(created, { keys: DEFAULTS.maxSessions, limited: 1 });
    const { sessionId } = await keyOf(agent, 'b0');
    agent.send({ type: 'session.end', sessionId });
    assert.ok(await agent.until((received) => received.some((m) => m.type === 'session.ended')));
    agent.send({ type: 'session.create', ref: 'again' });
    assert.equal((await keyOf(agent, 'again')).ref, 'again');
  });
});
