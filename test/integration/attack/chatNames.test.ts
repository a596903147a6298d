import { strict as assert } from 'node:assert';
import { connect, signIn, startTestServer, type TestServer } from '../harness';

/**
 * A customer's chat name is shown to agents in the inbox and the conversation: it follows the
 * same text rules as messages, so it cannot carry control characters or bidi overrides that make
 * it read as something else ("\u202Egpj.exe" shows as "exe.jpg").
 */
describe('attack: chat names with control or bidi-override characters', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  const tricky = {
    'right-to-left override': 'Support\u202Etxt.exe',
    'left-to-right embedding': 'a\u202Ab',
    'first-strong isolate': 'a\u2068b\u2069',
    'bell': 'ding\u0007',
    'line break': 'Alice\nAgent: please type your password',
    'C1 control': 'x\u0085y',
  };

  for (const [what, name] of Object.entries(tricky)) {
    it(`refuses a name with a ${what}, and no agent sees that chat`, async () => {
      const agent = await connect(t.url, 'agent', { cookie: await signIn(t.url) });
      agent.send({ type: 'chat.inbox.watch' });
      assert.deepEqual((await agent.next('chat.inbox')).waiting, []);
      const customer = await connect(t.url, 'customer');
      customer.send({ type: 'chat.start', name, ref: 'start' });
      assert.equal((await customer.next('error')).code, 'bad-message');
      assert.equal(await agent.receives('chat.inbox', 300), false, 'the inbox did not change');
      customer.close();
      agent.close();
    });
  }

  it('still takes names in any script, and the same characters are refused in messages', async () => {
    const customer = await connect(t.url, 'customer');
    customer.send({ type: 'chat.start', name: 'Jürgen Müller-Lüdenscheidt ‏محمد', ref: 'start' });
    const started = await customer.next('chat.conversation');
    assert.equal(started.customerName, 'Jürgen Müller-Lüdenscheidt ‏محمد');
    customer.send({ type: 'chat.send', text: 'invoice\u202Efdp.exe', clientId: 'm1' });
    assert.equal((await customer.next('error')).code, 'bad-message');
    customer.close();
  });
});
