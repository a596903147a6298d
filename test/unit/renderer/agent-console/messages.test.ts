import { strict as assert } from 'node:assert';
import { loginErrorText } from '../../../../renderer/agent-console/signIn/loginErrorText';
import { errorText } from '../../../../renderer/agent-console/sessions/errorText';
import { waitText } from '../../../../renderer/agent-console/i18n/waitText';
import { english, german } from './english';

describe('sign-in errors', () => {
  it('say plainly that the credentials are wrong', () => {
    assert.equal(english.translate(loginErrorText({ kind: 'invalid-credentials' })), 'The username or password is not correct.');
  });

  it('say when to try again after too many attempts', () => {
    const seconds = loginErrorText({ kind: 'too-many-attempts', retryAfterMs: 42_100 });
    assert.equal(english.translate(seconds), 'Too many sign-in attempts. Try again in 43 seconds.');
    const minutes = loginErrorText({ kind: 'too-many-attempts', retryAfterMs: 15 * 60_000 });
    assert.equal(english.translate(minutes), 'Too many sign-in attempts. Try again in 15 minutes.');
    assert.equal(german.translate(minutes), 'Zu viele Anmeldeversuche. Versuchen Sie es in 15 Minuten erneut.');
  });

  it('tell an unreachable server apart from a refusal', () => {
    assert.match(english.translate(loginErrorText({ kind: 'unreachable' })), /Could not reach the server/);
    assert.match(english.translate(loginErrorText({ kind: 'failed', status: 500 })), /error 500/);
  });
});

describe('wait times', () => {
  it('round up, in seconds below a minute and minutes above', () => {
    assert.equal(english.translate(waitText(1)), '1 second');
    assert.equal(english.translate(waitText(59_000)), '59 seconds');
    assert.equal(english.translate(waitText(60_000)), '1 minute');
    assert.equal(english.translate(waitText(61_000)), '2 minutes');
    assert.equal(german.translate(waitText(1_000)), '1 Sekunde');
  });
});

describe('server errors', () => {
  it('name the wait when the server gives one', () => {
    assert.equal(english.translate(errorText({ code: 'rate-limited', retryAfterMs: 5_000 })), 'Too many requests. Try again in 5 seconds.');
    assert.equal(english.translate(errorText({ code: 'rate-limited' })), 'Too many requests. Wait a moment and try again.');
  });

  it('explain a session the server no longer knows', () => {
    assert.equal(english.translate(errorText({ code: 'unknown-session' })), 'This screen share no longer exists on the server.');
  });
});
