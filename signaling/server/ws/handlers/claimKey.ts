import { checkKey, type CustomerMessageOf, type ErrorCode } from '../../../protocol';
import type { DeadKeyReason } from '../../store/sessionStore';
import { grantResumeToken } from '../../sessions/resumeTokens';
import { grantSessionIce } from '../../ice/sessionIce';
import { sendError, type Handler } from './context';

const failure: Record<'wrong' | DeadKeyReason, { code: ErrorCode; message: string }> = {
  wrong: { code: 'key-wrong', message: 'No screen share is waiting for this key.' },
  expired: { code: 'key-expired', message: 'This key has expired.' },
  used: { code: 'key-used', message: 'This key has already been used.' },
  replaced: { code: 'key-replaced', message: 'This key was replaced by a newer one.' },
};

export const claimKey: Handler<CustomerMessageOf<'key.claim'>> = async (ctx, connection, message) => {
  const ref = message.ref;
  if (connection.sessionIds.size > 0) {
    return sendError(connection, 'already-in-session', 'This connection is already sharing with an agent.', { ref });
  }
  if (checkKey(message.key) !== 'ok') {
    ctx.metrics.keyAttemptFailed('malformed');
    return sendError(connection, 'key-malformed', 'This key has a typo.', { ref });
  }
  const claimFailed = (reason: string) =>
    ctx.audit.append({ type: 'key.claim-failed', actor: 'customer', address: connection.ip, userAgent: connection.userAgent, details: { reason } });
  const verdict = await ctx.keyLimiter.reserve(connection.ip);
  if (!verdict.allowed) {
    // Not audited: once locked out, an attacker could fill the trail; the limiter bounds the rest.
    ctx.metrics.keyAttemptFailed('locked-out');
    ctx.warnings.warn(connection.ip, { outcome: 'locked-out' }, 'key attempt refused');
    return sendError(connection, 'too-many-attempts', 'Too many wrong keys. Please wait before trying again.', {
      ref,
      retryAfterMs: verdict.retryAfterMs,
    });
  }
  const claim = await ctx.store.claimKey(message.key);
  if (!claim.ok) {
    ctx.metrics.keyAttemptFailed(claim.reason);
    ctx.log.warn({ ip: connection.ip, outcome: claim.reason }, 'key attempt failed');
    await claimFailed(claim.reason);
    const { code, message: text } = failure[claim.reason];
    return sendError(connection, code, text, { ref });
  }
  await ctx.keyLimiter.refund(connection.ip);
  ctx.keyTimers.cancel(claim.sessionId);
  const session = await ctx.store.updateSession(claim.sessionId, {
    customerConnectionId: connection.id,
    phase: 'key-entered',
  });
  if (!session) return sendError(connection, 'key-expired', failure.expired.message, { ref });
  connection.sessionIds.add(session.id);
  grantSessionIce(ctx.config, connection, session.id);
  connection.send({
    type: 'key.accepted',
    sessionId: session.id,
    agent: { displayName: session.agentDisplayName, organisation: ctx.config.organisation },
    ref,
  });
  await grantResumeToken(ctx, connection, session.id);
  ctx.router.deliver(session.agentConnectionId, { type: 'session.update', sessionId: session.id, phase: 'key-entered' });
  ctx.log.info({ sessionId: session.id, ip: connection.ip }, 'key accepted');
};
