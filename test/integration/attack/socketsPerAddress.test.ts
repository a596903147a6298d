import { strict as assert } from 'node:assert';
import { connect, startTestServer, type TestClient, type TestServer } from '../harness';

/** One address cannot hold more signaling sockets than MAX_SOCKETS_PER_ADDRESS; others are unaffected. */
describe('attack: one address opening socket after socket', () => {
  let t: TestServer;
  const clients: TestClient[] = [];
  before(async () => {
    t = await startTestServer({ MAX_SOCKETS_PER_ADDRESS: '3', TRUST_PROXY: 'true' });
  });
  after(async () => {
    for (const client of clients) client.close();
    await t?.close();
  });

  const from = (address: string) => connect(t.url, 'customer', { forwardedFor: address });

  it('refuses the socket over the cap with 429, lets other addresses in, and frees a place when one closes', async () => {
    for (let i = 0; i < 3; i++) clients.push(await from('203.0.113.7'));
    await assert.rejects(from('203.0.113.7'), /HTTP 429/);
    const other = await from('198.51.100.9');
    assert.equal(other.welcome?.role, 'customer', 'another address still connects');
    clients.push(other);

    const first = clients.shift();
    first?.close();
    await first?.closed;
    // The server counts the close when its side of the socket has closed too: retry until then.
    let again: TestClient | undefined;
    for (let attempt = 0; attempt < 50 && !again; attempt++) {
      again = await from('203.0.113.7').catch(() => undefined);
      if (!again) await new Promise((resolve) => setImmediate(resolve));
    }
    assert.ok(again, 'a place is free again after a socket from that address closed');
    clients.push(again);
  });
});
