import type { ErrorCode } from '../../../signaling/protocol';
import { text, type TextRef } from '../i18n/textRef';
import { waitText } from '../i18n/waitText';

export interface ServerError {
  code: ErrorCode;
  retryAfterMs?: number | undefined;
}

/** What an agent reads for an `error` message from the server. */
export function errorText(error: ServerError): TextRef {
  if (error.code === 'rate-limited' || error.code === 'too-many-attempts') {
    if (error.retryAfterMs === undefined) return text(`error.${error.code}-soon`);
    return text(`error.${error.code}`, { wait: waitText(error.retryAfterMs) });
  }
  return text(`error.${error.code}`);
}
