import { strict as assert } from 'node:assert';
import { MAX_CHAT_TEXT_CHARS, type ServerMessageOf } from '../../signaling/protocol';
import { connect, serverWithTwoAgents, signIn, type TestClient, type TestServer } from './harness';

type Conversation = ServerMessageOf<'chat.conversation'>;

async function customerChat(url: string, name = 'Carla'): Promise<{ customer: TestClient; conversation: Conversation }> {
  const customer = await connect(url, 'customer');
  customer.send({ type: 'chat.start', name, ref: 'start' });
  const conversation = await customer.next('chat.conversation');
  return { customer, conversation };
}

async function watchingAgent(url: string, username = 'alice', password = 'secret-alice'): Promise<TestClient> {
  const agent = await connect(url, 'agent', { cookie: await signIn(url, username, password) });
  agent.send({ type: 'chat.inbox.watch' });
  await agent.next('chat.inbox');
  return agent;
}

async function takenChat(url: string) {
  const { customer, conversation } = await customerChat(url);
  const agent = await watchingAgent(url);
  agent.send({ type: 'chat.take', conversationId: conversation.conversationId, ref: 'take' });
  await agent.next('chat.conversation');
  await customer.next('chat.state');
  const joined = await customer.next('chat.message');
  assert.equal(joined.entry.event, 'agent-joined');
  await agent.next('chat.message');
  return { customer, agent, conversationId: conversation.conversationId, token: conversation.token ?? '' };
}

async function texts(client: TestClient, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push((await client.next('chat.message')).entry.text ?? '');
  return out;
}

describe('web chat', () => {
  let t: TestServer;
  before(async () => {
    t = await serverWithTwoAgents();
  });
  after(() => t.close());

  it('starts a conversation with a token and shows it in every watching agent\'s inbox', async () => {
    const alice = await watchingAgent(t.url);
    const bob = await watchingAgent(t.url, 'bob', 'secret-bob');
    const { customer, conversation } = await customerChat(t.url, 'Dora');
    assert.equal(conversation.state, 'waiting');
    assert.match(conversation.token ?? '', /^[A-Za-z0-9_-]{43}$/);
    for (const agent of [alice, bob]) {
      const inbox = await agent.next('chat.inbox');
      assert.ok(inbox.waiting.some((c) => c.conversationId === conversation.conversationId && c.customerName === 'Dora'));
    }
    for (const c of [alice, bob, customer]) c.close();
  });

  it('delivers messages both ways in server order, numbered 1, 2, 3…', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    for (let i = 1; i <= 5; i++) customer.send({ type: 'chat.send', text: `customer ${i}`, clientId: `c${i}` });
    agent.send({ type: 'chat.send', conversationId, text: 'agent reply', clientId: 'a1' });
    const seen = [];
    for (let i = 0; i < 6; i++) seen.push((await agent.next('chat.message')).entry);
    const seqs = seen.map((entry) => entry.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b), 'the agent receives entries in sequence order');
    assert.deepEqual(
      seen.filter((entry) => entry.from === 'customer').map((entry) => entry.text),
      ['customer 1', 'customer 2', 'customer 3', 'customer 4', 'customer 5'],
    );
    const customerSide = [];
    for (let i = 0; i < 6; i++) customerSide.push((await customer.next('chat.message')).entry);
    assert.deepEqual(customerSide.map((e) => e.seq), seqs, 'both people see the same order');
    const reply = customerSide.find((entry) => entry.from === 'agent');
    assert.equal(reply?.text, 'agent reply');
    assert.equal(reply?.name, 'Alice');
    for (const c of [agent, customer]) c.close();
  });

  it('lets exactly one of two agents take a conversation', async () => {
    const { customer, conversation } = await customerChat(t.url);
    const alice = await watchingAgent(t.url);
    const bob = await watchingAgent(t.url, 'bob', 'secret-bob');
    alice.send({ type: 'chat.take', conversationId: conversation.conversationId, ref: 'a' });
    bob.send({ type: 'chat.take', conversationId: conversation.conversationId, ref: 'b' });
    const outcomes = await Promise.all(
      [alice, bob].map(async (agent) => ((await agent.receives('chat.conversation', 1000)) ? 'won' : 'lost')),
    );
    assert.deepEqual([...outcomes].sort(), ['lost', 'won']);
    const loser = outcomes[0] === 'lost' ? alice : bob;
    const error = await loser.next('error');
    assert.equal(error.code, 'not-allowed');
    const inbox = await loser.next('chat.inbox');
    assert.ok(!inbox.waiting.some((c) => c.conversationId === conversation.conversationId), 'gone from the inbox');
    for (const c of [alice, bob, customer]) c.close();
  });

  it('keeps a second agent and another customer out of a conversation', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    const bob = await watchingAgent(t.url, 'bob', 'secret-bob');
    const stranger = await customerChat(t.url, 'Eve');
    bob.send({ type: 'chat.send', conversationId, text: 'let me in', clientId: 'x' });
    assert.equal((await bob.next('error')).code, 'unknown-session');
    bob.send({ type: 'chat.share.request', conversationId, ref: 'r' });
    assert.equal((await bob.next('error')).code, 'unknown-session');
    bob.send({ type: 'chat.take', conversationId });
    assert.equal((await bob.next('error')).code, 'not-allowed');

    customer.send({ type: 'chat.send', text: 'my account number is 42', clientId: 'm' });
    agent.send({ type: 'chat.send', conversationId, text: 'thanks', clientId: 'n' });
    assert.deepEqual((await texts(agent, 2)).sort(), ['my account number is 42', 'thanks']);
    assert.equal(await bob.receives('chat.message'), false, 'the other agent sees nothing');
    assert.equal(await stranger.customer.receives('chat.message'), false, 'the other customer sees nothing');
    // A customer cannot resume a conversation with a made-up token.
    stranger.customer.send({ type: 'chat.resume', token: 'x'.repeat(43) });
    assert.equal((await stranger.customer.next('error')).code, 'unknown-session');
    for (const c of [agent, customer, bob, stranger.customer]) c.close();
  });

  it('continues after a reload with the conversation token; the old socket stops receiving', async () => {
    const { customer, agent, conversationId, token } = await takenChat(t.url);
    customer.send({ type: 'chat.send', text: 'before reload', clientId: 'a' });
    await agent.next('chat.message');
    assert.equal((await customer.next('chat.message')).entry.clientId, 'a', 'the sender gets its own message back, numbered');
    const reloaded = await connect(t.url, 'customer');
    reloaded.send({ type: 'chat.resume', token, ref: 'resume' });
    const resumed = await reloaded.next('chat.conversation');
    assert.equal(resumed.conversationId, conversationId);
    assert.equal(resumed.state, 'assigned');
    assert.equal(resumed.agentName, 'Alice');
    assert.deepEqual(
      resumed.entries.map((e) => e.text ?? e.event),
      ['agent-joined', 'before reload'],
    );
    agent.send({ type: 'chat.send', conversationId, text: 'after reload', clientId: 'b' });
    assert.equal((await reloaded.next('chat.message')).entry.text, 'after reload');
    assert.equal(await customer.receives('chat.message'), false, 'the replaced socket hears nothing more');
    reloaded.send({ type: 'chat.send', text: 'from the new page', clientId: 'c' });
    assert.equal((await agent.next('chat.message')).entry.text, 'after reload');
    assert.equal((await agent.next('chat.message')).entry.text, 'from the new page');
    for (const c of [agent, customer, reloaded]) c.close();
  });

  it('revokes the token when the agent closes the conversation', async () => {
    const { customer, agent, conversationId, token } = await takenChat(t.url);
    agent.send({ type: 'chat.close', conversationId });
    assert.equal((await customer.next('chat.message')).entry.event, 'chat-closed');
    assert.equal((await customer.next('chat.state')).state, 'closed');
    customer.send({ type: 'chat.send', text: 'hello?', clientId: 'z' });
    assert.equal((await customer.next('error')).code, 'not-allowed');
    const later = await connect(t.url, 'customer');
    later.send({ type: 'chat.resume', token });
    assert.equal((await later.next('error')).code, 'unknown-session');
    for (const c of [agent, customer, later]) c.close();
  });

  it('lets the customer end a waiting chat: it leaves the inbox and the token is revoked', async () => {
    const alice = await watchingAgent(t.url);
    const { customer, conversation } = await customerChat(t.url, 'Erik');
    const { conversationId, token } = conversation;
    assert.ok((await alice.next('chat.inbox')).waiting.some((c) => c.conversationId === conversationId));
    customer.send({ type: 'chat.end' });
    const closedEntry = (await customer.next('chat.message')).entry;
    assert.equal(closedEntry.event, 'chat-closed');
    assert.equal(closedEntry.by, 'customer');
    assert.equal((await customer.next('chat.state')).state, 'closed');
    const inbox = await alice.next('chat.inbox');
    assert.equal(inbox.waiting.some((c) => c.conversationId === conversationId), false, 'gone from the inbox');
    alice.send({ type: 'chat.take', conversationId, ref: 'late' });
    assert.equal((await alice.next('error')).code, 'not-allowed', 'nobody can take an ended chat');
    const later = await connect(t.url, 'customer');
    later.send({ type: 'chat.resume', token: token ?? '', ref: 'resume' });
    assert.equal((await later.next('error')).code, 'unknown-session');
    for (const c of [alice, customer, later]) c.close();
  });

  it('lets the customer end an assigned chat: the agent reads "<name> ended the chat"', async () => {
    const { customer, agent, conversationId, token } = await takenChat(t.url);
    customer.send({ type: 'chat.end' });
    const forAgent = (await agent.next('chat.message')).entry;
    assert.equal(forAgent.event, 'chat-closed');
    assert.equal(forAgent.by, 'customer');
    assert.equal(forAgent.name, 'Carla');
    assert.equal((await agent.next('chat.state')).state, 'closed');
    assert.equal((await customer.next('chat.state')).state, 'closed');
    agent.send({ type: 'chat.send', conversationId, text: 'are you there?', clientId: 'q' });
    assert.equal((await agent.next('error')).code, 'not-allowed', 'the ended chat takes no more messages');
    customer.send({ type: 'chat.end' });
    assert.equal(await agent.receives('chat.message'), false, 'ending twice posts nothing more');
    const later = await connect(t.url, 'customer');
    later.send({ type: 'chat.resume', token, ref: 'resume' });
    assert.equal((await later.next('error')).code, 'unknown-session');
    for (const c of [agent, customer, later]) c.close();
  });

  it('refuses oversized messages and passes HTML-bearing text through as plain text', async () => {
    const { customer, agent } = await takenChat(t.url);
    customer.send({ type: 'chat.send', text: 'x'.repeat(MAX_CHAT_TEXT_CHARS + 1), clientId: 'big' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    customer.send({ type: 'chat.send', text: '   ', clientId: 'blank' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    customer.send({ type: 'chat.send', text: 'bell\u0007', clientId: 'ctl' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    const html = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    customer.send({ type: 'chat.send', text: html, clientId: 'html' });
    const received = await agent.next('chat.message');
    assert.equal(received.entry.text, html, 'stored and relayed verbatim; pages render it with textContent');
    customer.send({ type: 'chat.send', text: 'y'.repeat(MAX_CHAT_TEXT_CHARS), clientId: 'max' });
    assert.equal((await agent.next('chat.message')).entry.text?.length, MAX_CHAT_TEXT_CHARS);
    assert.equal(await agent.receives('chat.message'), false, 'nothing else got through');
    for (const c of [agent, customer]) c.close();
  });

  it('refuses chat messages from the wrong role and without a conversation', async () => {
    const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    agent.send({ type: 'chat.start' });
    assert.equal((await agent.next('error')).code, 'not-allowed');
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'chat.send', text: 'hi', clientId: 'a' });
    assert.equal((await customer.next('error')).code, 'unknown-session');
    customer.send({ type: 'chat.take', conversationId: 'c_aaaaaaaaaaaaaaaaaaaaaaaa' });
    assert.equal((await customer.next('error')).code, 'not-allowed');
    for (const c of [agent, customer]) c.close();
  });
});

describe('web chat screen-share request', () => {
  let t: TestServer;
  before(async () => {
    t = await serverWithTwoAgents();
  });
  after(() => t.close());

  it('creates a normal session whose key only the customer receives', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    agent.send({ type: 'chat.share.request', conversationId, ref: 'share-1' });
    const key = await agent.next('session.key');
    assert.equal(key.ref, 'share-1');
    const forCustomer = (await customer.next('chat.message')).entry;
    const forAgent = (await agent.next('chat.message')).entry;
    assert.equal(forCustomer.event, 'share-requested');
    assert.equal(forCustomer.name, 'Alice');
    assert.equal(forCustomer.share?.key, key.key);
    assert.equal(forCustomer.sessionId, key.sessionId);
    assert.equal(forAgent.share, undefined, 'the agent copy carries no key');
    agent.send({ type: 'chat.share.request', conversationId, ref: 'share-2' });
    assert.equal((await agent.next('error')).code, 'not-allowed', 'one request at a time');

    // The share runs over the ordinary customer socket, exactly as in the voice flow.
    const sharer = await connect(t.url, 'customer');
    sharer.send({ type: 'key.claim', key: forCustomer.share?.key });
    assert.equal((await sharer.next('key.accepted')).agent.displayName, 'Alice');
    sharer.send({ type: 'consent', decision: 'accept' });
    const { receipt } = await sharer.next('consent.recorded');
    const consented = (await customer.next('chat.message')).entry;
    assert.deepEqual([consented.event, consented.receipt, consented.name], ['consent-recorded', receipt, 'Alice'], 'the receipt is on the chat');
    sharer.send({ type: 'share.state', state: 'sharing' });
    assert.equal((await customer.next('chat.message')).entry.event, 'share-started');
    sharer.send({ type: 'session.end', reason: 'stopped' });
    const ended = (await customer.next('chat.message')).entry;
    assert.equal(ended.event, 'share-ended');
    assert.equal(ended.by, 'customer');
    const agentSide = [];
    for (let i = 0; i < 3; i++) agentSide.push((await agent.next('chat.message')).entry.event);
    assert.deepEqual(agentSide, ['consent-recorded', 'share-started', 'share-ended']);
    assert.equal((await agent.next('session.ended')).sessionId, key.sessionId);

    // The chat goes on and the agent can ask again.
    agent.send({ type: 'chat.share.request', conversationId, ref: 'share-3' });
    assert.equal((await agent.next('session.key')).ref, 'share-3');
    for (const c of [agent, customer, sharer]) c.close();
  });

  it('posts "declined" to both when the customer says no thanks', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    agent.send({ type: 'chat.share.request', conversationId, ref: 's' });
    const { sessionId } = await agent.next('session.key');
    await customer.next('chat.message');
    await agent.next('chat.message');
    customer.send({ type: 'chat.share.decline', sessionId });
    assert.equal((await customer.next('chat.message')).entry.event, 'share-declined');
    assert.equal((await agent.next('chat.message')).entry.event, 'share-declined');
    const ended = await agent.next('session.ended');
    assert.equal(ended.reason, 'declined');
    for (const c of [agent, customer]) c.close();
  });

  it('posts who ended the share when the agent ends it; the chat goes on', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    agent.send({ type: 'chat.share.request', conversationId, ref: 's' });
    const { sessionId } = await agent.next('session.key');
    const request = (await customer.next('chat.message')).entry;
    await agent.next('chat.message');
    const sharer = await connect(t.url, 'customer');
    sharer.send({ type: 'key.claim', key: request.share?.key });
    await sharer.next('key.accepted');
    agent.send({ type: 'session.end', sessionId });
    const ended = (await customer.next('chat.message')).entry;
    assert.equal(ended.event, 'share-ended');
    assert.equal(ended.by, 'agent');
    assert.equal((await sharer.next('session.ended')).by, 'agent');
    customer.send({ type: 'chat.send', text: 'still chatting', clientId: 'x' });
    assert.equal((await agent.next('chat.message')).entry.event, 'share-ended');
    assert.equal((await agent.next('chat.message')).entry.text, 'still chatting');
    for (const c of [agent, customer, sharer]) c.close();
  });

  it('ends a running share as ended by the customer when the customer ends the chat', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    agent.send({ type: 'chat.share.request', conversationId, ref: 's' });
    const { sessionId } = await agent.next('session.key');
    const request = (await customer.next('chat.message')).entry;
    await agent.next('chat.message');
    const sharer = await connect(t.url, 'customer');
    sharer.send({ type: 'key.claim', key: request.share?.key });
    await sharer.next('key.accepted');
    sharer.send({ type: 'consent', decision: 'accept' });
    sharer.send({ type: 'share.state', state: 'sharing' });
    assert.equal((await agent.next('chat.message')).entry.event, 'consent-recorded');
    assert.equal((await agent.next('chat.message')).entry.event, 'share-started');
    customer.send({ type: 'chat.end' });
    const ended = await sharer.next('session.ended');
    assert.equal(ended.by, 'customer');
    const agentEnded = await agent.next('session.ended');
    assert.equal(agentEnded.sessionId, sessionId);
    assert.equal(agentEnded.by, 'customer');
    const events = [];
    for (let i = 0; i < 2; i++) events.push((await agent.next('chat.message')).entry);
    assert.deepEqual(events.map((e) => e.event), ['share-ended', 'chat-closed'], 'the share ends first, then the chat');
    assert.equal(events.find((e) => e.event === 'share-ended')?.by, 'customer');
    assert.equal((await agent.next('chat.state')).state, 'closed');
    for (const c of [agent, customer, sharer]) c.close();
  });

  it('keeps another customer from declining someone else\'s request', async () => {
    const { customer, agent, conversationId } = await takenChat(t.url);
    agent.send({ type: 'chat.share.request', conversationId, ref: 's' });
    const { sessionId } = await agent.next('session.key');
    const stranger = await customerChat(t.url);
    stranger.customer.send({ type: 'chat.share.decline', sessionId });
    assert.equal((await stranger.customer.next('error')).code, 'unknown-session');
    assert.equal(await agent.receives('session.ended'), false);
    for (const c of [agent, customer, stranger.customer]) c.close();
  });
});

describe('web chat key expiry', () => {
  it('posts "expired" to both and ends the unused share session', async () => {
    const t = await serverWithTwoAgents({ KEY_TTL_SECONDS: '1' });
    try {
      const { customer, agent, conversationId } = await takenChat(t.url);
      agent.send({ type: 'chat.share.request', conversationId, ref: 's' });
      const { sessionId } = await agent.next('session.key');
      assert.equal((await customer.next('chat.message')).entry.event, 'share-requested');
      const expired = (await customer.next('chat.message', 5000)).entry;
      assert.equal(expired.event, 'share-expired');
      assert.equal(expired.sessionId, sessionId);
      const ended = await agent.next('session.ended', 5000);
      assert.equal(ended.sessionId, sessionId);
      for (const c of [agent, customer]) c.close();
    } finally {
      await t.close();
    }
  });
});

describe('web chat rate limits', () => {
  it('refuses new chats while too many wait, across all addresses', async () => {
    const t = await serverWithTwoAgents({ CHAT_MAX_WAITING: '2', TRUST_PROXY: 'true' });
    try {
      const started = [];
      for (const ip of ['203.0.113.1', '203.0.113.2']) {
        const customer = await connect(t.url, 'customer', { forwardedFor: ip });
        customer.send({ type: 'chat.start' });
        started.push(await customer.next('chat.conversation'));
        customer.close();
      }
      const third = await connect(t.url, 'customer', { forwardedFor: '203.0.113.3' });
      third.send({ type: 'chat.start', ref: 'late' });
      const refused = await third.next('error');
      assert.equal(refused.code, 'rate-limited');
      assert.equal(refused.ref, 'late');
      const agent = await watchingAgent(t.url);
      agent.send({ type: 'chat.take', conversationId: started[0]?.conversationId });
      await agent.next('chat.conversation');
      third.send({ type: 'chat.start', ref: 'now' });
      assert.equal((await third.next('chat.conversation')).ref, 'now', 'a taken chat frees a place');
      for (const c of [third, agent]) c.close();
    } finally {
      await t.close();
    }
  });

  it('limits messages per IP across conversations', async () => {
    const t = await serverWithTwoAgents({ CHAT_MESSAGES_PER_IP_PER_MINUTE: '3' });
    try {
      const first = await customerChat(t.url);
      const second = await customerChat(t.url);
      for (let i = 0; i < 2; i++) first.customer.send({ type: 'chat.send', text: `a${i}`, clientId: `a${i}` });
      for (let i = 0; i < 2; i++) await first.customer.next('chat.message');
      second.customer.send({ type: 'chat.send', text: 'b0', clientId: 'b0' });
      assert.equal((await second.customer.next('chat.message')).entry.text, 'b0');
      second.customer.send({ type: 'chat.send', text: 'b1', clientId: 'b1' });
      assert.equal((await second.customer.next('error')).code, 'rate-limited', 'the fourth message from this address');
      for (const c of [first.customer, second.customer]) c.close();
    } finally {
      await t.close();
    }
  });

  it('limits messages per conversation and new conversations per IP', async () => {
    const t = await serverWithTwoAgents({ CHAT_MESSAGES_PER_MINUTE: '3', CHAT_STARTS_PER_IP_PER_HOUR: '2' });
    try {
      const { customer, conversation } = await customerChat(t.url);
      for (let i = 0; i < 3; i++) customer.send({ type: 'chat.send', text: `m${i}`, clientId: `m${i}` });
      for (let i = 0; i < 3; i++) assert.equal((await customer.next('chat.message')).entry.text, `m${i}`);
      customer.send({ type: 'chat.send', text: 'one too many', clientId: 'x' });
      const refused = await customer.next('error');
      assert.equal(refused.code, 'rate-limited');
      assert.ok((refused.retryAfterMs ?? 0) > 0);
      assert.equal(await customer.receives('chat.message'), false);

      const second = await customerChat(t.url);
      assert.notEqual(second.conversation.conversationId, conversation.conversationId);
      const third = await connect(t.url, 'customer');
      third.send({ type: 'chat.start', ref: 's3' });
      const error = await third.next('error');
      assert.equal(error.code, 'rate-limited');
      assert.equal(error.ref, 's3');
      for (const c of [customer, second.customer, third]) c.close();
    } finally {
      await t.close();
    }
  });
});
