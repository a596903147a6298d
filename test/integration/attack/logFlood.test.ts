import { strict as assert } from 'node:assert';
import { connect as tcpConnect } from 'node:net';
import { WARNINGS_PER_CLIENT } from '../../../signaling/server/clientWarnings';
import { open, startTestServer } from '../harness';
import { attackConnect, type AttackClient } from './attackClient';

type LogLine = { level: number; msg: string; suppressed?: number; clients?: number };
const parse = (lines: readonly string[]) => lines.map((line) => JSON.parse(line) as LogLine);

/**
 * The log is the operator's view of an attack: a client must not be able to bury it under its own
 * lines, nor make it carry secrets. Warnings a client can trigger at will are logged a few times
 * per client and minute, then counted into one summary line; and the raw bytes of a malformed
 * HTTP request (which carry its Cookie header and a ?key= in its URL) are never logged.
 */
describe('attack: flooding and leaking through the log', function () {
  this.timeout(60_000);

  it('logs 2,000 bogus resumes from 20 sockets as a handful of lines and one summary', async () => {
    const t = await startTestServer();
    const sockets: AttackClient[] = [];
    try {
      for (let i = 0; i < 20; i++) sockets.push(await attackConnect(t.url, 'customer'));
      const perSocket = 100; // under the per-socket message limit: every one is answered
      for (const socket of sockets) {
        for (let i = 0; i < perSocket; i++) socket.send({ type: 'session.resume', token: String(i).padStart(43, 'A'), hasPeer: true });
      }
      for (const socket of sockets) {
        const answered = await socket.until((received) => received.filter((m) => m.type === 'error').length === perSocket);
        assert.ok(answered, 'every bogus resume was refused');
      }
      const refusedLines = parse(t.logLines).filter((line) => line.msg === 'resume refused');
      assert.ok(refusedLines.length <= WARNINGS_PER_CLIENT, `${refusedLines.length} lines for 2,000 refusals`);
      assert.ok(refusedLines.length > 0, 'the first ones are logged as they come');

      // Socket refusals (a foreign page) are counted the same way.
      for (let i = 0; i < 50; i++) await assert.rejects(open(t.url, 'customer', { origin: 'https://evil.example' }), /HTTP 403/);
      const originLines = parse(t.logLines).filter((line) => line.msg === 'socket refused: origin not allowed');
      assert.ok(originLines.length <= WARNINGS_PER_CLIENT, `${originLines.length} lines for 50 refused sockets`);
    } finally {
      for (const socket of sockets) socket.close();
      await t.close();
    }
    const summary = parse(t.logLines).find((line) => line.msg.startsWith('resume refused ('));
    assert.equal(summary?.suppressed, 2_000 - parse(t.logLines).filter((line) => line.msg === 'resume refused').length);
    assert.equal(summary?.clients, 1, 'all from one address');
  });

  it('never logs the raw bytes of a malformed request, at any level', async () => {
    const t = await startTestServer({ LOG_LEVEL: 'trace' });
    try {
      const url = new URL(t.url);
      await new Promise<void>((resolve, reject) => {
        const socket = tcpConnect(Number(url.port), url.hostname, () => {
          socket.write(
            'GET /?key=123456789 HTTP/1.1\r\nHost: x\r\nCookie: screenshare_agent=SECRET-COOKIE-VALUE\r\nBroken header line\r\n\r\n',
          );
        });
        socket.on('data', () => undefined);
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      const lines = t.logLines;
      assert.ok(parse(lines).some((line) => line.msg === 'client error'), 'the parse error is logged (at trace)');
      assert.deepEqual(lines.filter((line) => line.includes('rawPacket')), [], 'without the raw request');
      for (const secret of ['SECRET-COOKIE-VALUE', '123456789']) {
        assert.ok(!lines.some((line) => line.includes(secret)), secret);
      }
    } finally {
      await t.close();
    }
  });
});
