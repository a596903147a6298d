import { strict as assert } from 'node:assert';
import { connect, serverWithTwoAgents, signIn, type TestServer } from '../harness';

/** The audit trail of a chat with a screen share, and of agents signing in and out. */
describe('audit trail of a chat and of sign-ins', () => {
  let t: TestServer;
  before(async () => {
    t = await serverWithTwoAgents();
  });
  after(() => t.close());

  const eventsOf = (column: 'conversation_id' | 'agent', value: string) =>
    t.server.database.db.selectFrom('audit_events').selectAll().where(column, '=', value).orderBy('seq').execute();

  it('records the chat started, taken, share requested and answered, the consent and the end', async () => {
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'chat.start', name: 'Carla', ref: 'start' });
    const { conversationId } = await customer.next('chat.conversation');
    const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url, 'bob', 'secret-bob') });
    agent.send({ type: 'chat.take', conversationId, ref: 'take' });
    await agent.next('chat.conversation');
    agent.send({ type: 'chat.share.request', conversationId, ref: 'share' });
    const { key } = await agent.next('session.key');
    const sharer = await connect(t.url, 'customer');
    sharer.send({ type: 'key.claim', key });
    await sharer.next('key.accepted');
    sharer.send({ type: 'consent', decision: 'accept' });
    const { receipt } = await sharer.next('consent.recorded');
    customer.send({ type: 'chat.end' });
    while ((await customer.next('chat.message')).entry.event !== 'chat-closed');

    const events = await eventsOf('conversation_id', conversationId);
    assert.deepEqual(
      events.map((e) => `${e.type} ${e.actor} ${e.agent ?? '-'}`),
      [
        'chat.started customer -',
        'chat.taken agent bob',
        'chat.share-requested agent bob',
        'chat.share-answered customer bob',
        'consent.given customer bob',
        'chat.ended customer bob',
      ],
    );
    assert.equal(events[0]?.details.customerName, 'Carla');
    assert.equal(events[3]?.details.answer, 'accepted');
    assert.equal(events[4]?.receipt, receipt);
    for (const c of [customer, agent, sharer]) c.close();
  });

  it('records sign-in, sign-out and a failed sign-in (with the name tried, never the password)', async () => {
    const failed = await fetch(`${t.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob', password: 'not-bobs-password' }),
    });
    assert.equal(failed.status, 401);
    const cookie = await signIn(t.url, 'bob', 'secret-bob');
    const out = await fetch(`${t.url}/api/agent/logout`, { method: 'POST', headers: { cookie } });
    assert.equal(out.status, 204);

    const mine = (await eventsOf('agent', 'bob')).filter((e) => e.type.startsWith('agent.'));
    assert.deepEqual(mine.slice(-2).map((e) => e.type), ['agent.signed-in', 'agent.signed-out']);
    const failures = await t.server.database.db.selectFrom('audit_events').selectAll().where('type', '=', 'agent.sign-in-failed').execute();
    const last = failures.at(-1);
    assert.equal(last?.details.username, 'bob');
    assert.equal(last?.customer_address, '127.0.0.0', 'the address as AUDIT_CUSTOMER_ADDRESS says (truncated)');
    assert.ok(!JSON.stringify(failures).includes('not-bobs-password'), 'never the password');
  });
});
