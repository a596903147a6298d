import { strict as assert } from 'node:assert';
import { connect, pairedSession, startTestServer, type TestServer } from './harness';

/** ALLOW_WINDOW_SHARE: whether a customer may share one window, and what the agent learns about it. */
describe('sharing one window (ALLOW_WINDOW_SHARE)', () => {
  describe('allowed (the default)', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer();
    });
    after(() => t.close());

    it('tells customers (only) that they may share a window', async () => {
      const customer = await connect(t.url, 'customer');
      const { agent } = await pairedSession(t.url);
      assert.equal(customer.welcome?.windowShare, true);
      assert.equal(agent.welcome?.windowShare, undefined);
      customer.close();
      agent.close();
    });

    it('tells the agent which kind is shared, and keeps it through pause and resume', async () => {
      const { agent, customer } = await pairedSession(t.url);
      customer.send({ type: 'share.state', state: 'sharing', surface: 'window' });
      const sharing = await agent.next('session.update');
      assert.deepEqual([sharing.phase, sharing.surface], ['sharing', 'window']);
      customer.send({ type: 'share.state', state: 'paused' });
      assert.deepEqual((await agent.next('session.update')).surface, 'window');
      customer.send({ type: 'share.state', state: 'sharing' });
      assert.deepEqual((await agent.next('session.update')).surface, 'window');
      // Picking again: no kind while choosing; a whole screen this time.
      customer.send({ type: 'share.state', state: 'choosing' });
      const choosing = await agent.next('session.update');
      assert.deepEqual([choosing.phase, choosing.surface], ['choosing-screen', undefined]);
      customer.send({ type: 'share.state', state: 'sharing', surface: 'screen' });
      assert.equal((await agent.next('session.update')).surface, 'screen');
      customer.close();
      agent.close();
    });

    it('a customer that does not say shares a whole screen', async () => {
      const { agent, customer } = await pairedSession(t.url);
      customer.send({ type: 'share.state', state: 'sharing' });
      assert.equal((await agent.next('session.update')).surface, 'screen');
      customer.close();
      agent.close();
    });
  });

  describe('not allowed (ALLOW_WINDOW_SHARE=false)', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ ALLOW_WINDOW_SHARE: 'false' });
    });
    after(() => t.close());

    it('says so in the welcome and refuses a window; a whole screen goes through', async () => {
      const { agent, customer } = await pairedSession(t.url);
      assert.equal(customer.welcome?.windowShare, false);
      customer.send({ type: 'share.state', state: 'sharing', surface: 'window' });
      const refused = await customer.next('error');
      assert.equal(refused.code, 'not-allowed');
      assert.equal(await agent.receives('session.update'), false, 'the agent sees no picture phase');
      customer.send({ type: 'share.state', state: 'sharing', surface: 'screen' });
      const sharing = await agent.next('session.update');
      assert.deepEqual([sharing.phase, sharing.surface], ['sharing', 'screen']);
      customer.close();
      agent.close();
    });
  });

  it('refuses a value other than true or false, naming the variable', async () => {
    await assert.rejects(startTestServer({ ALLOW_WINDOW_SHARE: 'yes' }), /ALLOW_WINDOW_SHARE/);
  });
});
