import { strict as assert } from 'node:assert';
import { loadConfig } from '../../../signaling/server/config';

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
});
