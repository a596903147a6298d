import type { CustomerMessageOf } from '../../../protocol';
import { sendError, type Handler } from '../../context/handlerContext';
import { attemptKey, KEY_EXPIRED } from './keyAttempt';

/**
 * A browser that cannot share a screen typed a key: check it like a claim, but leave it unused
 * (the customer can still type it on a computer) and tell the session's agent why nothing follows.
 */
export const keyCannotShare: Handler<CustomerMessageOf<'key.cannotShare'>> = async (ctx, connection, message) => {
  const ref = message.ref;
  const sessionId = await attemptKey(ctx, connection, message.key, ref, (key) => ctx.store.peekKey(key));
  if (sessionId === null) return;
  const session = await ctx.store.getSession(sessionId);
  if (!session) return sendError(connection, 'key-expired', KEY_EXPIRED.message, { ref });
  ctx.router.deliver(session.agentConnectionId, { type: 'session.customerCannotShare', sessionId });
  connection.send({
    type: 'key.agentTold',
    agent: { displayName: session.agentDisplayName, organisation: ctx.config.organisation },
    ref,
  });
  ctx.log.info({ sessionId, ip: connection.ip, userAgent: connection.userAgent }, 'customer browser cannot share a screen');
};
