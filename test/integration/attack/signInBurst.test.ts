import { strict as assert } from 'node:assert';
import { startTestServer, type TestServer } from '../harness';

/**
 * Password guessing against the sign-in route: a parallel burst from one address, and one account
 * guessed from many addresses (a botnet). Every password check is logged as "agent sign-in failed",
 * so counting those lines counts the argon2 verifications, independent of timing.
 */
describe('attack: guessing agent passwords', function () {
  // Each check is a real argon2id verification (64 MiB, about a second on a loaded 2-core machine).
  this.timeout(90_000);
  let t: TestServer | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const signIn = (server: TestServer, username: string, password: string, forwardedFor?: string) =>
    fetch(`${server.url}/api/agent/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      body: JSON.stringify({ username, password }),
    }).then((response) => response.status);
  const passwordChecks = (server: TestServer) => server.logLines.filter((line) => line.includes('agent sign-in failed')).length;
  const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

  it('60 parallel wrong passwords from one address: only the limit (10) are checked', async () => {
    // Every check may run at once here, so only counting before the check can hold the limit.
    t = await startTestServer({ LOGIN_CHECKS_PER_IP_AT_ONCE: '100' });
    const server = t;
    const statuses = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(server, 'alice', `wrong ${i}`)));
    assert.equal(count(statuses, 401), 10, `answers: ${statuses.join(' ')}`);
    assert.equal(count(statuses, 429), 50);
    assert.equal(passwordChecks(server), 10, 'argon2 ran for 10 attempts only');
    assert.equal(await signIn(server, 'alice', 'secret-alice'), 429, 'the address stays locked, even with the right password');
  });

  it('with the default settings a burst runs at most the limit of password checks, and no more later', async () => {
    t = await startTestServer();
    const server = t;
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => signIn(server, 'alice', `wrong ${i}`)));
    assert.ok(count(burst, 401) <= 10 && count(burst, 401) + count(burst, 429) === 60, `answers: ${burst.join(' ')}`);
    const later: number[] = [];
    for (let i = 0; i < 12; i++) later.push(await signIn(server, 'alice', `later ${i}`));
    assert.equal(count(burst, 401) + count(later, 401), 10, 'ten checks in all from this address');
    assert.equal(passwordChecks(server), 10);
  });

  it('one account guessed from many addresses is locked after LOGIN_ATTEMPTS_PER_USERNAME, even for the right password', async () => {
    t = await startTestServer({ TRUST_PROXY: 'true', LOGIN_ATTEMPTS_PER_USERNAME: '5' });
    const server = t;
    const statuses: number[] = [];
    for (let i = 1; i <= 8; i++) statuses.push(await signIn(server, 'ALICE', `guess ${i}`, `198.51.100.${i}`));
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429, 429, 429]);
    assert.equal(passwordChecks(server), 5);
    assert.equal(await signIn(server, 'alice', 'secret-alice', '203.0.113.99'), 429, 'the account is locked for now');
    assert.equal(await signIn(server, 'bob', 'guess', '203.0.113.98'), 401, 'other accounts are still checked');
  });
});
