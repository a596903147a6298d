import assert from 'node:assert/strict';
import { ErrorCode } from '../../../../signaling/protocol';
import { claimProblem } from '../../../../renderer/customer/flow/claimProblem';
import { problemWords, wordsIn } from './words';

describe('what the customer reads when the server refuses a key', () => {
  it('names each refusal plainly and says what to do next', async () => {
    const say = await wordsIn('en');
    const cases: [ErrorCode, string, string][] = [
      ['key-wrong', 'This key is not correct.', 'Please check the digits with your support contact and try again.'],
      ['key-expired', 'This key has expired.', 'Keys are valid for a few minutes only. Please ask your support contact for a new key.'],
      ['key-used', 'This key has already been used.', 'Each key works only once. Please ask your support contact for a new key.'],
      ['key-replaced', 'This key has been replaced by a newer one.', 'Please ask your support contact for the newest key.'],
      ['key-malformed', 'This is not a valid security key.', 'The key has 9 digits, for example 123 456 789.'],
    ];
    for (const [code, message, detail] of cases) {
      assert.deepEqual(problemWords(say, claimProblem({ code })), [message, detail], code);
    }
  });

  it('says when to try again after too many attempts, rounded up, with correct plurals', async () => {
    const say = await wordsIn('en');
    const detail = (retryAfterMs?: number) => say(claimProblem({ code: 'too-many-attempts', retryAfterMs }).detail!);
    assert.equal(say(claimProblem({ code: 'too-many-attempts', retryAfterMs: 1 }).message), 'Too many attempts.');
    assert.equal(detail(1), 'For your security, please wait 1 second and then try again.');
    assert.equal(detail(44_200), 'For your security, please wait 45 seconds and then try again.');
    assert.equal(detail(60_000), 'For your security, please wait 1 minute and then try again.');
    assert.equal(detail(14 * 60_000 + 1), 'For your security, please wait 15 minutes and then try again.');
    assert.equal(detail(undefined), 'For your security, please wait a few minutes and then try again.');
  });

  it('says it in German too', async () => {
    const say = await wordsIn('de');
    const detail = say(claimProblem({ code: 'too-many-attempts', retryAfterMs: 120_000 }).detail!);
    assert.equal(detail, 'Zu Ihrer Sicherheit warten Sie bitte 2 Minuten und versuchen Sie es dann erneut.');
    assert.equal(say(claimProblem({ code: 'key-used' }).message), 'Dieser Schlüssel wurde bereits verwendet.');
  });

  it('has a readable message for every error code the protocol knows', async () => {
    for (const locale of ['en', 'de'] as const) {
      const say = await wordsIn(locale);
      for (const code of ErrorCode.options) {
        const words = problemWords(say, claimProblem({ code }));
        assert.equal(words.length, 2, code);
        for (const line of words) assert.doesNotMatch(line, /^keyError\.|\{\{/, `${locale} ${code}: ${line}`);
      }
    }
  });
});
