import { strict as assert } from 'node:assert';
import type { ServerMessage } from '../../../signaling/protocol';
import { agentWithSession, connect, serverWithTwoAgents, signIn, type TestClient, type TestServer } from '../harness';

/**
 * A resume token that reaches the wrong hands (the other role's socket, another agent) is refused
 * without being used up: the member it belongs to can still come back with it.
 */
describe('attack: presenting someone else\'s resume token', () => {
  let t: TestServer;
  const clients: TestClient[] = [];
  before(async () => {
    t = await serverWithTwoAgents();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  after(() => t.close());

  async function present(client: TestClient, token: string): Promise<ServerMessage> {
    client.send({ type: 'session.resume', token, hasPeer: true, ref: 'r' });
    return client.nextOf(['session.resumed', 'error']);
  }

  async function sharedSession() {
    const { agent, sessionId, key } = await agentWithSession(t.url);
    const agentToken = (await agent.next('session.token')).token;
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'key.claim', key });
    await customer.next('key.accepted');
    const customerToken = (await customer.next('session.token')).token;
    clients.push(agent, customer);
    return { agent, customer, sessionId, agentToken, customerToken };
  }

  it('a customer token shown on an agent socket, then the agent\'s token shown by another agent: both still work for their owners', async () => {
    const { agent, customer, sessionId, agentToken, customerToken } = await sharedSession();
    const bob = await connect(t.url, 'agent', { cookie: await signIn(t.url, 'bob', 'secret-bob') });
    const stranger = await connect(t.url, 'customer');
    clients.push(bob, stranger);

    assert.equal((await present(bob, customerToken)).type, 'error', 'an agent cannot take the customer\'s place');
    assert.equal((await present(bob, agentToken)).type, 'error', 'another agent cannot take alice\'s place');
    assert.equal((await present(stranger, agentToken)).type, 'error', 'a customer cannot take the agent\'s place');

    customer.close();
    await agent.next('session.peer'); // away
    const back = await connect(t.url, 'customer');
    clients.push(back);
    const resumed = await present(back, customerToken);
    assert.equal(resumed.type, 'session.resumed', 'the customer resumes with the token the others tried');
    assert.equal(resumed.type === 'session.resumed' && resumed.sessionId, sessionId);

    agent.close();
    const aliceAgain = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
    clients.push(aliceAgain);
    assert.equal((await present(aliceAgain, agentToken)).type, 'session.resumed', 'and so does the agent');
  });

  it('still uses a token up once its owner resumed with it', async () => {
    const { customer, customerToken } = await sharedSession();
    customer.close();
    const first = await connect(t.url, 'customer');
    const second = await connect(t.url, 'customer');
    clients.push(first, second);
    assert.equal((await present(first, customerToken)).type, 'session.resumed');
    const again = await present(second, customerToken);
    assert.equal(again.type === 'error' && again.code, 'resume-expired');
  });
});
