import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../harness';

/**
 * Monitoring is not public: anyone on the internet may learn that the server is up and ready, but
 * not its node id, connection count or Prometheus figures (which tell an attacker how busy it is
 * and whether an attack works). Those need the monitoring port or the monitoring token.
 */
describe('attack: reading monitoring data from the public port', () => {
  const token = 'monitoring-token-0123456789';
  let t: TestServer;
  let withPort: TestServer;
  before(async () => {
    t = await startTestServer({ METRICS_TOKEN: token });
    withPort = await startTestServer({ METRICS_PORT: '0' });
  });
  after(async () => {
    await t?.close();
    await withPort?.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url, { headers });
    return { status: response.status, text: await response.text() };
  };

  it('answers /healthz and /readyz publicly with no details', async () => {
    for (const server of [t, withPort]) {
      assert.deepEqual(await get(`${server.url}/healthz`), { status: 200, text: '{"status":"ok"}' });
      assert.deepEqual(await get(`${server.url}/readyz`), { status: 200, text: '{"status":"ready"}' });
    }
  });

  it('keeps /metrics and the readiness details behind the token on the public port', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`, token, `Bearer ${token}x`]) {
      const headers: Record<string, string> = authorization ? { authorization } : {};
      const metrics = await get(`${t.url}/metrics`, headers);
      assert.equal(metrics.status, 401, `${authorization}`);
      assert.doesNotMatch(metrics.text, /screenshare_|process_/);
      assert.equal((await get(`${t.url}/readyz`, headers)).text, '{"status":"ready"}');
    }
    const bearer = { authorization: `Bearer ${token}` };
    const metrics = await get(`${t.url}/metrics`, bearer);
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^screenshare_connections/m);
    assert.match((await get(`${t.url}/readyz`, bearer)).text, /"node":"[^"]+".*"connections":0/);
  });

  it('serves monitoring on METRICS_PORT only, and nothing of it on the public port', async () => {
    assert.equal((await get(`${withPort.url}/metrics`)).status, 404);
    const monitoring = withPort.monitoringUrl;
    assert.ok(monitoring && new URL(monitoring).port !== new URL(withPort.url).port, 'a port of its own');
    assert.match((await get(`${monitoring}/metrics`)).text, /^screenshare_connections/m);
    assert.match((await get(`${monitoring}/readyz`)).text, /"store":"in-memory"/);
    assert.equal((await get(`${monitoring}/agent`)).status, 404, 'the monitoring port serves no pages');
    assert.equal((await get(`${monitoring}/api/config`)).status, 404);
  });
});
