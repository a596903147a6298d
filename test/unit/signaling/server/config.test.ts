import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../../signaling/server/config';

describe('configuration from the environment', () => {
  it('has documented defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.keyTtlMs, 300_000);
    assert.deepEqual(config.iceServers, []);
    assert.equal(config.heartbeatIntervalMs, 10_000);
  });

  it('reads ICE servers as JSON and origins as a list', () => {
    const config = loadConfig({
      ICE_SERVERS: '[{"urls":"turn:turn.example:3478","username":"u","credential":"c"}]',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example',
      DEMO_AGENT: 'bob:pa:ss:word',
    });
    assert.equal(config.iceServers[0]?.urls, 'turn:turn.example:3478');
    assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.deepEqual(config.demoAgent, { username: 'bob', password: 'pa:ss:word' });
  });

  it('names every bad variable in one clear message', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', ICE_SERVERS: 'stun:x', KEY_TTL_SECONDS: '-5' }),
      (error: Error) =>
        /PORT/.test(error.message) && /ICE_SERVERS: must be a JSON array/.test(error.message) && /KEY_TTL_SECONDS/.test(error.message),
    );
    assert.throws(() => loadConfig({ TLS_CERT: '/x.pem' }), /TLS_CERT and TLS_KEY must be set together/);
  });

  it('reads TRUST_PROXY as a hop count or trusted proxy addresses, and refuses anything else', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    const oneHop = loadConfig({ TRUST_PROXY: 'true' }).trustProxy;
    assert.ok(oneHop && oneHop('127.0.0.1', 0) && !oneHop('203.0.113.1', 1));
    const twoHops = loadConfig({ TRUST_PROXY: '2' }).trustProxy;
    assert.ok(twoHops && twoHops('10.0.0.1', 1) && !twoHops('203.0.113.1', 2));
    const ranges = loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1, loopback' }).trustProxy;
    assert.ok(ranges && ranges('10.1.2.3', 0) && ranges('127.0.0.1', 3) && !ranges('203.0.113.1', 0));
    assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /TRUST_PROXY: "yes" is neither/);
    assert.throws(() => loadConfig({ TRUST_PROXY: '10.0.0.0/8, proxy.example' }), /TRUST_PROXY: "proxy.example"/);
  });
});
