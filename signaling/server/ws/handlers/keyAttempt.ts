import { checkKey, type ErrorCode } from '../../../protocol';
import type { DeadKeyReason, KeyClaimResult } from '../../store/sessionStore';
import type { ClientConnection } from '../../context/clientConnection';
import { sendError, type HandlerContext } from '../../context/handlerContext';
import { customerActor } from './customerActor';

const failure: Record<'wrong' | DeadKeyReason, { code: ErrorCode; message: string }> = {
  wrong: { code: 'key-wrong', message: 'No screen share is waiting for this key.' },
  expired: { code: 'key-expired', message: 'This key has expired.' },
  used: { code: 'key-used', message: 'This key has already been used.' },
  replaced: { code: 'key-replaced', message: 'This key was replaced by a newer one.' },
};

export const KEY_EXPIRED = failure.expired;

/**
 * One key attempt from a customer, under the same rules whatever it is for (claiming the session,
 * or only telling its agent that this browser cannot share): typo check, the per-address and
 * global limits, the audit of failures. `lookup` decides whether the key is used up. Answers the
 * customer itself when the key does not hold; returns the session's id when it does.
 */
export async function attemptKey(
  ctx: HandlerContext,
  connection: ClientConnection,
  key: string,
  ref: string | undefined,
  lookup: (key: string) => Promise<KeyClaimResult>,
): Promise<string | null> {
  if (connection.sessionIds.size > 0) {
    sendError(connection, 'already-in-session', 'This connection is already sharing with an agent.', { ref });
    return null;
  }
  if (checkKey(key) !== 'ok') {
    ctx.metrics.keyAttemptFailed('malformed');
    sendError(connection, 'key-malformed', 'This key has a typo.', { ref });
    return null;
  }
  const verdict = await ctx.keyLimiter.reserve(connection.ip);
  if (!verdict.allowed) {
    // Not audited: once locked out, an attacker could fill the trail; the limiter bounds the rest.
    ctx.metrics.keyAttemptFailed('locked-out');
    ctx.warnings.warn(connection.ip, { outcome: 'locked-out' }, 'key attempt refused');
    sendError(connection, 'too-many-attempts', 'Too many wrong keys. Please wait before trying again.', {
      ref,
      retryAfterMs: verdict.retryAfterMs,
    });
    return null;
  }
  const result = await lookup(key);
  if (!result.ok) {
    ctx.metrics.keyAttemptFailed(result.reason);
    ctx.log.warn({ ip: connection.ip, outcome: result.reason }, 'key attempt failed');
    await ctx.audit.append({
      type: 'key.claim-failed',
      ...customerActor(connection),
      details: { reason: result.reason },
    });
    const { code, message } = failure[result.reason];
    sendError(connection, code, message, { ref });
    return null;
  }
  await ctx.keyLimiter.refund(connection.ip);
  return result.sessionId;
}
