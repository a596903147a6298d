import type { CustomerMessageOf } from '../../../protocol';
import { grantResumeToken } from '../../sessions/resumeTokens';
import { grantSessionIce } from '../../ice/sessionIce';
import { sendError, type Handler } from './context';
import { attemptKey, KEY_EXPIRED } from './keyAttempt';

export const claimKey: Handler<CustomerMessageOf<'key.claim'>> = async (ctx, connection, message) => {
  const ref = message.ref;
  const sessionId = await attemptKey(ctx, connection, message.key, ref, (key) => ctx.store.claimKey(key));
  if (sessionId === null) return;
  ctx.keyTimers.cancel(sessionId);
  const session = await ctx.store.updateSession(sessionId, {
    customerConnectionId: connection.id,
    phase: 'key-entered',
  });
  if (!session) return sendError(connection, 'key-expired', KEY_EXPIRED.message, { ref });
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
