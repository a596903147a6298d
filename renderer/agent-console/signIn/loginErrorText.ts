import type { LoginFailure } from '../api/agentApi';
import { text, type TextRef } from '../i18n/textRef';
import { waitText } from '../i18n/waitText';

/** A friendly sentence for each way signing in can fail. */
export function loginErrorText(failure: LoginFailure): TextRef {
  switch (failure.kind) {
    case 'invalid-credentials':
      return text('signInError.invalidCredentials');
    case 'too-many-attempts':
      return text('signInError.tooManyAttempts', { wait: waitText(failure.retryAfterMs ?? 60_000) });
    case 'unreachable':
      return text('signInError.unreachable');
    case 'failed':
      return text('signInError.failed', { status: failure.status });
  }
}
