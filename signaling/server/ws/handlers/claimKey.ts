import type { CustomerMessageOf } from '../../../protocol';
import { grantResumeToken } from '../../sessions/resumeTokens';
import { grantSessionIce } from '../../ice/sessionIce';
import { announcePhase, phaseChange } from '../../sessions/sessionPhases';
import { sendError, type Handler } from '../../context/handlerContext';
import { attemptKey, KEY_EXPIRED } from './keyAttempt';

export const claimKey: Handler<CustomerMessageOf<'key.claim'>> = async (ctx, connection, message) => {
  const ref = message.ref;
  const sessionId = await attemptKey(ctx, connection, message.key, ref, (key) => ctx.store.claimKey(key));
  if (sessionId === null) return;
  ctx.keyTimers.cancel(sessionId);
  // A key can only be claimed while its session waits for it.
  const session = await ctx.store.updateSession(sessionId, {
    customerConnectionId: connection.id,
    ...phaseChange('waiting', 'key-entered'),
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
  announcePhase(ctx, session, 'key-entered');
  ctx.log.info({ sessionId: session.id, ip: connection.ip }, 'key accepted');
};
