import { strict as assert } from 'node:assert';
import { signIn, startTestServer, type TestServer } from '../harness';

/**
 * A hostile website cannot lock agents out: its page can make the agent's browser post to the
 * sign-in route (a form, or fetch with a "simple" text/plain body, which needs no CORS preflight),
 * but such posts are refused before they count as failed attempts. Malformed bodies are the
 * client's fault: a 4xx answer, never a 503 or an error in the log.
 */
describe('attack: a foreign page posting to the sign-in route', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ LOGIN_ATTEMPTS_PER_IP: '3' });
  });
  after(() => t.close());

  const post = (headers: Record<string, string>, body: string) =>
    fetch(`${t.url}/api/agent/login`, { method: 'POST', headers, body }).then((response) => response.status);
  const wrongPassword = JSON.stringify({ username: 'alice', password: 'wrong password' });

  it('refuses cross-site and non-JSON posts without counting them, so the agent still signs in', async () => {
    const evil = 'https://evil.example';
    for (let i = 0; i < 10; i++) {
      assert.equal(await post({ origin: evil, 'content-type': 'text/plain' }, wrongPassword), 403, 'cross-site text/plain');
      assert.equal(
        await post({ origin: evil, 'content-type': 'application/x-www-form-urlencoded' }, 'username=alice&password=x'),
        403,
        'cross-site form',
      );
      assert.equal(await post({ origin: evil, 'content-type': 'application/json' }, wrongPassword), 403, 'cross-site JSON');
      assert.equal(await post({ origin: 'null', 'content-type': 'application/json' }, wrongPassword), 403, 'sandboxed frame');
      assert.equal(await post({ origin: t.url, 'content-type': 'text/plain' }, wrongPassword), 415, 'own origin, not JSON');
      assert.equal(await post({ 'content-type': 'text/plain' }, wrongPassword), 415, 'no origin, not JSON');
    }
    assert.match(await signIn(t.url), /=/, 'the agent signs in: none of the 60 posts counted');
  });

  it('answers malformed bodies with 4xx, not 503, and logs no error; they count as no attempt either', async () => {
    const json = { origin: t.url, 'content-type': 'application/json' };
    const linesBefore = t.logLines.length;
    for (let i = 0; i < 5; i++) {
      assert.equal(await post(json, '{"username": "alice", "password": '), 400, 'unparsable JSON');
      assert.equal(await post(json, JSON.stringify({ username: 'alice' })), 400, 'no password');
      assert.equal(await post(json, JSON.stringify(['alice', 'x'])), 400, 'not an object');
      assert.equal(await post(json, JSON.stringify({ username: 'alice', password: 'x'.repeat(20_000) })), 413, 'too large');
    }
    const errors = t.logLines.slice(linesBefore).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    assert.deepEqual(errors, [], 'no error-level log lines');
    assert.match(await signIn(t.url), /=/, 'still not locked out');
  });

  it('still counts real wrong passwords from our own page', async () => {
    const json = { origin: t.url, 'content-type': 'application/json' };
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push(await post(json, wrongPassword));
    assert.deepEqual(statuses, [401, 401, 401, 429]);
  });
});
