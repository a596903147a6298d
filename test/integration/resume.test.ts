import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import type { ServerMessageOf } from '../../signaling/protocol';
import { agentWithSession, connect, signIn, startTestServer, type TestClient, type TestServer } from './harness';

const offer = { type: 'offer', sdp: 'v=0 resume-test' } as const;

/** A shared session (consented), with both members' first resume tokens. */
async function sharedSession(url: string, cookie?: string) {
  const { agent, sessionId, key } = await agentWithSession(url, cookie);
  const agentToken = await agent.next('session.token');
  const customer = await connect(url, 'customer');
  customer.send({ type: 'key.claim', key });
  await customer.next('key.accepted');
  const customerToken = await customer.next('session.token');
  customer.send({ type: 'consent', decision: 'accept' });
  await agent.next('session.update');
  await agent.next('session.update');
  customer.send({ type: 'share.state', state: 'sharing' });
  await agent.next('session.update');
  return { agent, customer, sessionId, agentToken, customerToken };
}

async function resume(
  url: string,
  role: 'agent' | 'customer',
  token: string,
  hasPeer = true,
  cookie?: string,
): Promise<{ client: TestClient; reply: ServerMessageOf<'session.resumed'> | ServerMessageOf<'error'> }> {
  const client = await connect(url, role, cookie ? { cookie } : {});
  client.send({ type: 'session.resume', token, hasPeer, ref: 'resume-1' });
  const reply = await client.nextOf(['session.resumed', 'error']);
  return { client, reply };
}

describe('resume after a dropped connection', () => {
  let t: TestServer;
  let cookie: string;
  const clients: TestClient[] = [];
  before(async () => {
    t = await startTestServer();
    cookie = await signIn(t.url);
  });
  after(async () => t.close());
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  it('gives each member a resume token with the grace period when it joins', async () => {
    const { agent, customer, sessionId, agentToken, customerToken } = await sharedSession(t.url);
    clients.push(agent, customer);
    assert.equal(agentToken.sessionId, sessionId);
    assert.equal(customerToken.sessionId, sessionId);
    assert.equal(customerToken.graceMs, 60_000, 'RESUME_GRACE_SECONDS defaults to 60');
    assert.notEqual(agentToken.token, customerToken.token);
  });

  it('keeps the session when the customer drops: the agent hears "away", then "back", and signals reach the new socket', async () => {
    const { agent, customer, sessionId, customerToken } = await sharedSession(t.url);
    clients.push(agent);
    customer.close();
    assert.deepEqual(await agent.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    assert.equal(await agent.receives('session.ended', 200), false, 'the session is not ended at once');

    const { client, reply } = await resume(t.url, 'customer', customerToken.token, true);
    clients.push(client);
    assert.equal(reply.type, 'session.resumed');
    assert.deepEqual(reply, {
      type: 'session.resumed',
      sessionId,
      phase: 'sharing',
      peer: 'present',
      agent: { displayName: 'Alice', organisation: 'Support' },
      ref: 'resume-1',
    });
    const fresh = await client.next('session.token');
    assert.notEqual(fresh.token, customerToken.token, 'a fresh token after each resume');
    assert.deepEqual(await agent.next('session.peer'), {
      type: 'session.peer',
      sessionId,
      state: 'back',
      needsNewPeer: false,
    });

    agent.send({ type: 'signal', sessionId, data: offer });
    assert.deepEqual((await client.next('signal')).data, offer);
    client.send({ type: 'signal', data: { type: 'answer', sdp: 'v=0 answer' } });
    assert.equal((await agent.next('signal')).from, 'customer');
  });

  it('lets the agent console reload: the customer is asked for a new peer', async () => {
    const { agent, customer, sessionId, agentToken } = await sharedSession(t.url);
    clients.push(customer);
    agent.close();
    assert.deepEqual(await customer.next('session.peer'), { type: 'session.peer', sessionId, state: 'away' });
    const { client, reply } = await resume(t.url, 'agent', agentToken.token, false, cookie);
    clients.push(client);
    assert.equal(reply.type, 'session.resumed');
    assert.equal(reply.type === 'session.resumed' && reply.phase, 'sharing');
    assert.deepEqual(await customer.next('session.peer'), {
      type: 'session.peer',
      sessionId,
      state: 'back',
      needsNewPeer: true,
    });
    client.send({ type: 'session.end', sessionId });
    assert.equal((await customer.next('session.ended')).by, 'agent');
  });

  it('tells a console that reloads before the customer came that nobody has joined yet (not that the customer dropped)', async () => {
    const { agent, sessionId, key } = await agentWithSession(t.url, cookie);
    const agentToken = await agent.next('session.token');
    agent.close();
    const { client, reply } = await resume(t.url, 'agent', agentToken.token, false, cookie);
    clients.push(client);
    assert.equal(reply.type === 'session.resumed' && reply.peer, 'none');
    const customer = await connect(t.url, 'customer');
    clients.push(customer);
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    assert.equal((await client.next('session.update')).phase, 'key-entered');
    client.send({ type: 'session.end', sessionId });
  });

  it('accepts a token only once', async () => {
    const { agent, customer, customerToken } = await sharedSession(t.url);
    clients.push(agent);
    customer.close();
    await agent.next('session.peer');
    const first = await resume(t.url, 'customer', customerToken.token);
    clients.push(first.client);
    assert.equal(first.reply.type, 'session.resumed');
    const second = await resume(t.url, 'customer', customerToken.token);
    clients.push(second.client);
    assert.equal(second.reply.type, 'error');
    assert.equal(second.reply.type === 'error' && second.reply.code, 'resume-expired');
  });

  it('refuses a token on the other role\'s socket', async () => {
    const { agent, customer, agentToken, customerToken } = await sharedSession(t.url);
    clients.push(agent, customer);
    const asAgent = await resume(t.url, 'agent', customerToken.token, true, cookie);
    const asCustomer = await resume(t.url, 'customer', agentToken.token);
    clients.push(asAgent.client, asCustomer.client);
    assert.equal(asAgent.reply.type === 'error' && asAgent.reply.code, 'resume-expired');
    assert.equal(asCustomer.reply.type === 'error' && asCustomer.reply.code, 'resume-expired', 'a customer cannot take the agent\'s place');
  });

  it('refuses a made-up token', async () => {
    const { client, reply } = await resume(t.url, 'customer', 'A'.repeat(43));
    clients.push(client);
    assert.equal(reply.type === 'error' && reply.code, 'resume-expired');
  });

  it('moves the member to the new socket even if the old one still looks open; the old one closing later changes nothing', async () => {
    const { agent, customer, sessionId, customerToken } = await sharedSession(t.url);
    clients.push(agent);
    const { client, reply } = await resume(t.url, 'customer', customerToken.token);
    clients.push(client);
    assert.equal(reply.type, 'session.resumed');
    await agent.next('session.peer'); // back
    customer.send({ type: 'signal', data: offer });
    assert.equal((await customer.next('error')).code, 'unknown-session', 'the old socket no longer speaks for the customer');
    customer.close();
    assert.equal(await agent.receives('session.peer', 300), false, 'no "away" for a socket that was replaced');
    agent.send({ type: 'signal', sessionId, data: offer });
    assert.deepEqual((await client.next('signal')).data, offer);
  });
});

describe('resume grace period (fake clock)', () => {
  let t: TestServer;
  let clock: FakeTimers.Clock;
  let cookie: string;
  before(async () => {
    t = await startTestServer({ RESUME_GRACE_SECONDS: '30' });
    // Signed in before the clock is faked: fetch keeps timers of its own.
    cookie = await signIn(t.url);
    clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
  });
  after(async () => {
    await t.close();
    clock.uninstall();
  });

  it('ends the session as connection-lost when the customer stays away past the grace period, and the token dies with it', async () => {
    const { agent, customer, sessionId, customerToken } = await sharedSession(t.url, cookie);
    customer.close();
    await agent.next('session.peer');
    await clock.tickAsync(25_000);
    // 5 s short of the grace period: room for a busy machine (the fake clock also follows real time).
    assert.equal(await agent.receives('session.ended', 50), false, 'still within the grace period');
    await clock.tickAsync(5_000);
    assert.deepEqual(await agent.next('session.ended'), { type: 'session.ended', sessionId, by: 'server', reason: 'connection-lost' });
    const late = await resume(t.url, 'customer', customerToken.token);
    assert.equal(late.reply.type === 'error' && late.reply.code, 'resume-expired');
    late.client.close();
    agent.close();
  });

  it('does not end a session whose member came back in time', async () => {
    const { agent, customer, customerToken } = await sharedSession(t.url, cookie);
    customer.close();
    await agent.next('session.peer');
    await clock.tickAsync(20_000);
    const back = await resume(t.url, 'customer', customerToken.token);
    assert.equal(back.reply.type, 'session.resumed');
    await clock.tickAsync(30_000);
    assert.equal(await agent.receives('session.ended', 50), false);
    back.client.close();
    agent.close();
  });

  it('tells the customer when the agent never comes back', async () => {
    const { agent, customer, sessionId } = await sharedSession(t.url, cookie);
    agent.close();
    await customer.next('session.peer');
    await clock.tickAsync(30_000);
    assert.deepEqual(await customer.next('session.ended'), { type: 'session.ended', sessionId, by: 'server', reason: 'connection-lost' });
    customer.close();
  });
});
