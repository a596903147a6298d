import { strict as assert } from 'node:assert';
import FakeTimers from '@sinonjs/fake-timers';
import { connect, signIn, startTestServer, type TestClient, type TestServer } from '../harness';

const BUSY = /busy/i;

/**
 * Nobody can fill the chat inbox: chats opened and left (a script, or tabs closed) leave the inbox
 * when their customer is gone past the grace period, so real customers are not told "all busy"
 * for a day; one IPv6 customer line (a /64) counts as one address; and when the inbox is truly
 * full of customers who are there, the busy message is still shown.
 */
describe('attack: filling the chat inbox', function () {
  this.timeout(60_000);

  describe('chats whose customer left (fake clock)', () => {
    let t: TestServer;
    let clock: FakeTimers.Clock;
    let cookie: string;
    const clients: TestClient[] = [];
    before(async () => {
      t = await startTestServer({ CHAT_MAX_WAITING: '5', RESUME_GRACE_SECONDS: '30', TRUST_PROXY: 'true' });
      // Signed in before the clock is faked: fetch keeps timers of its own.
      cookie = await signIn(t.url);
      clock = FakeTimers.install({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
    });
    after(async () => {
      for (const client of clients) client.close();
      await t.close();
      clock.uninstall();
    });

    async function startChat(forwardedFor: string, name: string) {
      const customer = await connect(t.url, 'customer', { forwardedFor });
      customer.send({ type: 'chat.start', name, ref: 'start' });
      const answer = await customer.nextOf(['chat.conversation', 'error']);
      return { customer, answer };
    }

    it('takes fly-by chats out of the inbox after the grace period, so a real customer gets through', async () => {
      const agent = await connect(t.url, 'agent', { cookie });
      clients.push(agent);
      agent.send({ type: 'chat.inbox.watch' });
      await agent.next('chat.inbox');
      for (let i = 0; i < 5; i++) {
        const { customer, answer } = await startChat(`198.51.100.${i + 1}`, `bot ${i}`);
        assert.equal(answer.type, 'chat.conversation');
        await agent.next('chat.inbox');
        customer.close(); // ... and gone
        await customer.closed;
      }
      const early = await startChat('203.0.113.10', 'Real Customer');
      clients.push(early.customer);
      assert.equal(early.answer.type, 'error', 'within the grace period the inbox is still full');
      assert.match(early.answer.type === 'error' ? early.answer.message : '', BUSY);

      await clock.tickAsync(30_000);
      let waiting = 5;
      while (waiting > 0) waiting = (await agent.next('chat.inbox')).waiting.length;
      const later = await startChat('203.0.113.10', 'Real Customer');
      clients.push(later.customer);
      assert.equal(later.answer.type, 'chat.conversation', 'the real customer gets through');
      // Inbox updates sent while the fly-by chats were removed may still be on their way: wait for the one with her.
      let names: Array<string | null> = [];
      while (!names.includes('Real Customer')) names = (await agent.next('chat.inbox')).waiting.map((chat) => chat.customerName);
      assert.deepEqual(names, ['Real Customer']);
    });

    it('keeps a waiting chat whose customer came back in time', async () => {
      const { customer, answer } = await startChat('198.51.100.50', 'Reloading Rita');
      assert.equal(answer.type, 'chat.conversation');
      const token = answer.type === 'chat.conversation' ? answer.token : undefined;
      assert.ok(token);
      customer.close();
      await customer.closed;
      await clock.tickAsync(20_000);
      const back = await connect(t.url, 'customer', { forwardedFor: '198.51.100.50' });
      clients.push(back);
      back.send({ type: 'chat.resume', token, ref: 'resume' });
      assert.equal((await back.next('chat.conversation')).state, 'waiting');
      await clock.tickAsync(30_000);
      back.send({ type: 'chat.send', text: 'still here', clientId: 'm1' });
      assert.equal((await back.next('chat.message')).entry.text, 'still here', 'the chat is still open');
    });

    it('still says "busy" when the inbox is full of customers who are there', async () => {
      // Two waiting already (Real Customer and Rita); three more who stay.
      for (let i = 0; i < 3; i++) {
        const { customer, answer } = await startChat(`192.0.2.${i + 1}`, `present ${i}`);
        clients.push(customer);
        assert.equal(answer.type, 'chat.conversation');
      }
      await clock.tickAsync(60_000);
      const refused = await startChat('192.0.2.99', 'One too many');
      clients.push(refused.customer);
      assert.equal(refused.answer.type === 'error' && refused.answer.code, 'rate-limited');
      assert.match(refused.answer.type === 'error' ? refused.answer.message : '', BUSY);
    });
  });

  describe('IPv6 addresses', () => {
    let t: TestServer;
    const clients: TestClient[] = [];
    before(async () => {
      t = await startTestServer({ CHAT_STARTS_PER_IP_PER_HOUR: '3', TRUST_PROXY: 'true' });
    });
    after(async () => {
      for (const client of clients) client.close();
      await t.close();
    });

    it('counts new chats per /64, so rotating through one line\'s addresses gains nothing', async () => {
      const start = async (address: string) => {
        const customer = await connect(t.url, 'customer', { forwardedFor: address });
        clients.push(customer);
        customer.send({ type: 'chat.start', ref: 'start' });
        return customer.nextOf(['chat.conversation', 'error']);
      };
      for (let i = 1; i <= 3; i++) assert.equal((await start(`2001:db8:1:2::${i}`)).type, 'chat.conversation');
      const fourth = await start('2001:db8:1:2:aaaa:bbbb:cccc:dddd');
      assert.equal(fourth.type === 'error' && fourth.code, 'rate-limited', 'the same /64');
      assert.equal((await start('2001:db8:1:3::1')).type, 'chat.conversation', 'the next /64 is someone else');
    });
  });
});
