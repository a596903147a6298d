import { strict as assert } from 'node:assert';
import { connect, startTestServer, type TestClient, type TestServer } from '../harness';

/**
 * Behind a proxy, X-Forwarded-For is "<whatever the client sent>, <what the proxy appended>". A
 * client that writes its own leftmost entries must not pick its address, or it escapes every
 * per-address limit: on HTTP (sign-in attempts) and on WebSocket upgrades (sockets per address).
 */
describe('attack: a spoofed X-Forwarded-For behind a trusted proxy', () => {
  const realAddress = '203.0.113.50';
  /** A client-written entry first, then the address the trusted proxy appended. */
  const spoofed = (i: number) => `10.66.${i}.1, ${realAddress}`;

  const wrongSignIn = (t: TestServer, forwardedFor: string) =>
    fetch(`${t.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ username: 'alice', password: 'wrong password' }),
    }).then((response) => response.status);

  for (const trustProxy of ['true', '127.0.0.1/8']) {
    describe(`TRUST_PROXY=${trustProxy}`, () => {
      let t: TestServer;
      const clients: TestClient[] = [];
      before(async () => {
        t = await startTestServer({ TRUST_PROXY: trustProxy, LOGIN_ATTEMPTS_PER_IP: '3', MAX_SOCKETS_PER_ADDRESS: '2' });
      });
      after(async () => {
        for (const client of clients) client.close();
        await t?.close();
      });

      it('counts sign-in failures against the address the proxy appended, not the spoofed one', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push(await wrongSignIn(t, spoofed(i)));
        assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      });

      it('counts sockets against the address the proxy appended, not the spoofed one', async () => {
        for (let i = 0; i < 2; i++) clients.push(await connect(t.url, 'customer', { forwardedFor: spoofed(i) }));
        await assert.rejects(connect(t.url, 'customer', { forwardedFor: spoofed(2) }), /HTTP 429/);
        clients.push(await connect(t.url, 'customer', { forwardedFor: '198.51.100.9' }));
      });
    });
  }

  describe('a client that is not one of the trusted proxies', () => {
    let t: TestServer;
    const clients: TestClient[] = [];
    before(async () => {
      // The test's own connections come from 127.0.0.1, which is not in this range.
      t = await startTestServer({ TRUST_PROXY: '10.0.0.0/8', LOGIN_ATTEMPTS_PER_IP: '3', MAX_SOCKETS_PER_ADDRESS: '2' });
    });
    after(async () => {
      for (const client of clients) client.close();
      await t?.close();
    });

    it('is counted by its own address whatever X-Forwarded-For says', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push(await wrongSignIn(t, `198.51.100.${i}`));
      assert.deepEqual(statuses, [401, 401, 401, 429]);
      for (let i = 0; i < 2; i++) clients.push(await connect(t.url, 'customer', { forwardedFor: `198.51.100.${i}` }));
      await assert.rejects(connect(t.url, 'customer', { forwardedFor: '198.51.100.99' }), /HTTP 429/);
    });
  });
});
