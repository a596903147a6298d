import type { ErrorCode } from '../../../signaling/protocol';
import { text } from '../i18n/textRef';
import { waitText } from '../i18n/waitText';
import type { Problem } from './problem';

export interface ClaimError {
  code: ErrorCode;
  retryAfterMs?: number | undefined;
}

/** The server refused a key: say why in plain words and what to do next. */
export function claimProblem(error: ClaimError): Problem {
  switch (error.code) {
    case 'key-wrong':
      return { message: text('keyError.wrong'), detail: text('keyError.wrongDetail') };
    case 'key-expired':
      return { message: text('keyError.expired'), detail: text('keyError.expiredDetail') };
    case 'key-used':
      return { message: text('keyError.used'), detail: text('keyError.usedDetail') };
    case 'key-replaced':
      return { message: text('keyError.replaced'), detail: text('keyError.replacedDetail') };
    case 'too-many-attempts':
    case 'rate-limited':
      return {
        message: text('keyError.tooManyAttempts'),
        detail:
          error.retryAfterMs === undefined
            ? text('keyError.tooManyAttemptsSoonDetail')
            : text('keyError.tooManyAttemptsDetail', { wait: waitText(error.retryAfterMs) }),
      };
    case 'key-malformed':
      return { message: text('keyError.malformed'), detail: text('keyError.malformedDetail') };
    case 'already-in-session':
      return { message: text('keyError.busy'), detail: text('keyError.busyDetail') };
    case 'bad-message':
    case 'unsupported-protocol':
    case 'hello-required':
    case 'not-allowed':
    case 'unknown-session':
    case 'resume-expired':
    case 'internal':
      return { message: text('keyError.failed'), detail: text('keyError.failedDetail') };
  }
}

export const UNREACHABLE: Problem = { message: text('keyError.unreachable'), detail: text('keyError.unreachableDetail') };
