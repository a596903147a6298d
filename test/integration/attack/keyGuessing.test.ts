import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { keyFromPayload } from '../../../signaling/protocol';
import { loadConfig } from '../../../signaling/server/config';
import { agentWithSession, connect, startTestServer, type TestClient } from '../harness';
import { guessingOdds } from './guessingOdds';

/** Valid-looking keys (right check digit) that nobody issued. */
const guess = (n: number) => keyFromPayload(String(70_000_000 + n).padStart(8, '0'));

/** Claims a key and returns the server's error answer (every guess here is wrong or refused). */
function answerTo(client: TestClient, key: string) {
  client.send({ type: 'key.claim', key });
  return client.next('error');
}

describe('attack: key guessing at the configured limits', function () {
  this.timeout(30_000);

  it('locks one address after KEY_ATTEMPTS_PER_IP wrong guesses, sequential or in a parallel burst, and leaves other addresses alone', async () => {
    const t = await startTestServer({
      KEY_ATTEMPTS_PER_IP: '4',
      KEY_ATTEMPTS_PER_IP_WINDOW_SECONDS: '600',
      KEY_ATTEMPTS_GLOBAL: '1000',
      TRUST_PROXY: 'true',
    });
    try {
      const guesser = await connect(t.url, 'customer', { forwardedFor: '203.0.113.1' });
      const outcomes: string[] = [];
      for (let i = 0; i < 12; i++) outcomes.push((await answerTo(guesser, guess(i))).code);
      assert.deepEqual(outcomes, [...Array<string>(4).fill('key-wrong'), ...Array<string>(8).fill('too-many-attempts')]);

      // Many sockets from one address guessing at once get no more than the same budget.
      const burst = await Promise.all(Array.from({ length: 20 }, () => connect(t.url, 'customer', { forwardedFor: '203.0.113.2' })));
      const codes = await Promise.all(burst.map((client, i) => answerTo(client, guess(100 + i)).then((m) => m.code)));
      assert.equal(codes.filter((code) => code === 'key-wrong').length, 4, `a parallel burst: ${codes.join(', ')}`);
      assert.equal(codes.filter((code) => code === 'too-many-attempts').length, 16);

      const locked = await answerTo(guesser, guess(50));
      assert.ok((locked.retryAfterMs ?? 0) > 0 && (locked.retryAfterMs ?? 0) <= 600_000, 'says when to retry, within the window');
      const neighbour = await connect(t.url, 'customer', { forwardedFor: '198.51.100.9' });
      assert.equal((await answerTo(neighbour, guess(60))).code, 'key-wrong', 'another address is not locked');
      for (const client of [guesser, neighbour, ...burst]) client.close();
    } finally {
      await t.close();
    }
  });

  it('locks key entry server-wide after KEY_ATTEMPTS_GLOBAL wrong guesses from many addresses, even for a customer with the right key', async () => {
    const t = await startTestServer({
      KEY_ATTEMPTS_PER_IP: '3',
      KEY_ATTEMPTS_GLOBAL: '10',
      KEY_ATTEMPTS_GLOBAL_WINDOW_SECONDS: '600',
      TRUST_PROXY: 'true',
    });
    try {
      const { agent, key } = await agentWithSession(t.url);
      let accepted = 0;
      let address = 0;
      // A botnet: each address stays under its own limit (2 guesses of 3).
      for (let i = 0; i < 30; i++) {
        if (i % 2 === 0) address++;
        const client = await connect(t.url, 'customer', { forwardedFor: `192.0.2.${address}` });
        const answer = await answerTo(client, guess(200 + i));
        if (answer.code === 'key-wrong') accepted++;
        else assert.equal(answer.code, 'too-many-attempts');
        client.close();
      }
      assert.equal(accepted, 10, 'exactly KEY_ATTEMPTS_GLOBAL guesses were looked up');
      const customer = await connect(t.url, 'customer', { forwardedFor: '198.51.100.77' });
      assert.equal((await answerTo(customer, key)).code, 'too-many-attempts', 'the lock holds for everyone');
      agent.close();
      customer.close();
    } finally {
      await t.close();
    }
  });

  it('the README states the expected guesses and time to hit any of 1,000 live keys, as derived from the default limits', () => {
    const odds = guessingOdds(loadConfig({}).keyAttempts, 1_000);
    assert.equal(odds.keySpace, 100_000_000, 'the check digit adds no entropy: 10^8 valid keys');
    assert.equal(odds.expectedGuesses, 100_000);
    assert.equal(odds.guessesPerHourOneAddress, 40);
    assert.equal(odds.guessesPerHourWholeServer, 6_000);
    const readme = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
    const security = readme.slice(readme.indexOf('## Security model'), readme.indexOf('\n## ', readme.indexOf('## Security model') + 5));
    const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
    for (const figure of [
      `expected number of guesses to hit any live key is ${grouped(odds.expectedGuesses)}`,
      `${grouped(odds.guessesPerHourOneAddress)} an hour`,
      `${grouped(odds.guessesPerHourWholeServer)} an hour`,
      `about ${grouped(odds.hoursOneAddress)} hours from one address`,
      `about ${grouped(odds.hoursWholeServer)} hours`,
    ]) {
      assert.ok(security.replace(/\s+/g, ' ').includes(figure), `README security section says "${figure}"`);
    }
  });
});
