import { strict as assert } from 'node:assert';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect, startTestServer, type TestClient, type TestServer } from '../harness';

/** A raw TCP client to the test server, from a chosen loopback address; collects what the server sends. */
function rawClient(t: TestServer, localAddress = '127.0.0.1'): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    let text = '';
    const socket = tcpConnect({ port: Number(url.port), host: url.hostname, localAddress }, () =>
      resolve({ socket, received: () => text, closed }),
    );
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('error', reject);
  });
}

/** Sends one byte every 100 ms until the server closes the connection. */
async function dribble(client: { socket: Socket; closed: Promise<void> }, bytes: string): Promise<void> {
  let sent = 0;
  const timer = setInterval(() => {
    if (!client.socket.destroyed) client.socket.write(bytes[sent++ % bytes.length] ?? 'x');
  }, 100);
  await client.closed;
  clearInterval(timer);
}

/**
 * Slow clients are cut off (slowloris: headers sent a byte at a time; a body that never ends), and
 * one address cannot hold more than MAX_HTTP_CONNECTIONS_PER_ADDRESS connections open, while its
 * signaling sockets (counted by MAX_SOCKETS_PER_ADDRESS) do not use up that budget.
 */
describe('attack: slow and hoarding HTTP clients', function () {
  this.timeout(30_000);

  describe('with short timeouts', () => {
    let t: TestServer;
    before(async () => {
      t = await startTestServer({ HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2' });
    });
    after(() => t.close());

    it('cuts off a request whose headers never end', async () => {
      const client = await rawClient(t);
      client.socket.write('GET /agent HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      await dribble(client, 'abcdefgh');
      assert.match(client.received(), /^HTTP\/1\.1 408/);
    });

    it('cuts off a sign-in whose body is sent a byte at a time', async () => {
      const client = await rawClient(t);
      client.socket.write(
        `POST /api/agent/login HTTP/1.1\r\nHost: ${new URL(t.url).host}\r\nOrigin: ${t.url}\r\nContent-Type: application/json\r\nContent-Length: 4000\r\n\r\n{"username":"alice","password":"`,
      );
      await dribble(client, 'x');
      assert.match(client.received(), /^HTTP\/1\.1 408/);
    });
  });

  describe('connections per address', () => {
    let t: TestServer;
    const sockets: Socket[] = [];
    const clients: TestClient[] = [];
    before(async () => {
      t = await startTestServer({ MAX_HTTP_CONNECTIONS_PER_ADDRESS: '5' });
    });
    after(async () => {
      for (const socket of sockets) socket.destroy();
      for (const client of clients) client.close();
      await t.close();
    });

    it('refuses the connection over the cap with 429, lets other addresses in, and frees a place when one closes', async () => {
      for (let i = 0; i < 5; i++) sockets.push((await rawClient(t, '127.0.0.3')).socket);
      const refused = await rawClient(t, '127.0.0.3');
      await refused.closed;
      assert.match(refused.received(), /^HTTP\/1\.1 429/);

      const other = await rawClient(t, '127.0.0.4');
      other.socket.end('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
      await other.closed;
      assert.match(other.received(), /^HTTP\/1\.1 200/, 'another address is served');

      sockets.shift()?.destroy();
      // The server counts the close when its side of the socket has closed too: retry until then.
      let served = '';
      for (let attempt = 0; attempt < 50 && !served.startsWith('HTTP/1.1 200'); attempt++) {
        const again = await rawClient(t, '127.0.0.3');
        again.socket.end('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
        await again.closed;
        served = again.received();
        if (!served.startsWith('HTTP/1.1 200')) await new Promise((resolve) => setImmediate(resolve));
      }
      assert.match(served, /^HTTP\/1\.1 200/, 'a place is free again after a connection from that address closed');
    });

    it('does not count signaling sockets against it: they have their own cap', async () => {
      for (let i = 0; i < 10; i++) clients.push(await connect(t.url, 'customer'));
      assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    });
  });
});
