import { strict as assert } from 'node:assert';
import { createHmac } from 'node:crypto';
import { iceServersFor, turnCredential } from '../../../../signaling/server/ice/turnCredentials';

describe('TURN credentials (TURN REST API scheme)', () => {
  const secret = 'a-static-auth-secret-of-coturn';
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);

  it('names the expiry time in the username and signs it with HMAC-SHA1 of the shared secret', () => {
    const { username, credential } = turnCredential(secret, 'customer', 3600, now);
    assert.equal(username, `${now / 1000 + 3600}:customer`);
    assert.equal(credential, createHmac('sha1', secret).update(username).digest('base64'));
  });

  it('gives TURN servers fresh credentials and leaves STUN and explicit credentials alone', () => {
    const servers = iceServersFor(
      [
        { urls: 'stun:stun.example:3478' },
        { urls: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:5349'] },
        { urls: 'turn:other.example:3478', username: 'fixed', credential: 'pw' },
      ],
      { secret, ttlSeconds: 600 },
      'agent',
    );
    assert.deepEqual(servers[0], { urls: 'stun:stun.example:3478' });
    assert.match(servers[1]?.username ?? '', /^\d+:agent$/);
    assert.ok(servers[1]?.credential);
    assert.deepEqual(servers[2], { urls: 'turn:other.example:3478', username: 'fixed', credential: 'pw' });
  });

  it('passes TURN servers unchanged without a secret', () => {
    assert.deepEqual(iceServersFor([{ urls: 'turn:t.example' }], undefined, 'customer'), [{ urls: 'turn:t.example' }]);
  });
});
