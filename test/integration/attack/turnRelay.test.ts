import { strict as assert } from 'node:assert';
import type { IceServer } from '../../../signaling/protocol';
import { coturnMissing, startCoturn, type Coturn } from '../../support/coturn';
import { tryAllocate } from '../../support/turnAllocate';
import { agentWithSession, connect, keyFromPayload, startTestServer, type TestClient, type TestServer } from '../harness';

/**
 * TURN is not an open relay: a socket that only says hello (no Origin, no key, no cookie) gets no
 * TURN credentials, so a real coturn grants it nothing. Credentials go to a signed-in agent for its
 * own session and to a customer whose key was accepted, bound to that session and role.
 */
describe('attack: using the TURN server as an open relay', function () {
  let coturn: Coturn;
  let t: TestServer;
  const clients: TestClient[] = [];
  before(async function () {
    const missing = coturnMissing();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      return this.skip();
    }
    coturn = await startCoturn();
    t = await startTestServer({ ICE_SERVERS: JSON.stringify([{ urls: coturn.url }]), TURN_SECRET: coturn.secret });
  });
  after(async () => {
    for (const client of clients) client.close();
    await t?.close();
    await coturn?.stop();
  });

  const turnServers = (servers: readonly IceServer[] | undefined) =>
    (servers ?? []).filter((server) => [server.urls].flat().some((url) => /^turns?:/.test(url)));
  const allocates = (server: IceServer) => tryAllocate(coturn.port, server.username ?? '', server.credential ?? '');

  it('a bare hello gets no TURN server and no credential, and coturn refuses a guess', async () => {
    const bare = await connect(t.url, 'customer', { origin: null });
    clients.push(bare);
    assert.deepEqual(turnServers(bare.welcome?.iceServers), [], 'the welcome names no TURN server');
    assert.ok(!JSON.stringify(bare.welcome).includes('credential'), 'nor any credential');
    assert.equal(await bare.receives('session.ice', 300), false, 'and nothing follows');
    const unauthenticated = await tryAllocate(coturn.port, '', '');
    assert.deepEqual(unauthenticated.ok, false);
    const guessed = await tryAllocate(coturn.port, `${Math.floor(Date.now() / 1000) + 3600}:customer`, 'guess');
    assert.ok(!guessed.ok && guessed.code === 401, `coturn refuses a made-up credential (${JSON.stringify(guessed)})`);
  });

  it('a wrong key gets nothing either', async () => {
    const guesser = await connect(t.url, 'customer');
    clients.push(guesser);
    guesser.send({ type: 'key.claim', key: keyFromPayload('00000000') });
    await guesser.next('error');
    assert.equal(await guesser.receives('session.ice', 300), false);
  });

  it('the agent and the customer whose key was accepted get working credentials bound to the session', async () => {
    const { agent, sessionId, key } = await agentWithSession(t.url);
    clients.push(agent);
    const agentIce = await agent.next('session.ice');
    const customer = await connect(t.url, 'customer');
    clients.push(customer);
    customer.send({ type: 'key.claim', key });
    const customerIce = await customer.next('session.ice');
    await customer.next('key.accepted');

    for (const [role, ice] of [['agent', agentIce], ['customer', customerIce]] as const) {
      assert.equal(ice.sessionId, sessionId);
      const [turn] = turnServers(ice.iceServers);
      assert.ok(turn, `the ${role} gets the TURN server`);
      const [expiry, boundSession, boundRole] = (turn.username ?? '').split(':');
      assert.equal(boundSession, sessionId, 'the username names the session');
      assert.equal(boundRole, role, 'and the role');
      const lifetime = Number(expiry) - Date.now() / 1000;
      assert.ok(lifetime > 3600 - 10 && lifetime <= 3600, `valid for TURN_CREDENTIAL_TTL_SECONDS (1 h), not ${lifetime} s`);
      assert.equal(ice.expiresAt, Number(expiry) * 1000, 'expiresAt is the expiry in the TURN username');
      assert.deepEqual(await allocates(turn), { ok: true }, `coturn grants the ${role} a relay`);
    }
  });
});
