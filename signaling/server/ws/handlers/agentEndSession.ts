import type { AgentMessageOf } from '../../../protocol';
import { endSession } from '../../sessions/endSession';
import type { Handler } from '../../context/handlerContext';
import { ownedSession } from './ownedSession';

export const agentEndSession: Handler<AgentMessageOf<'session.end'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, message.sessionId, message.ref);
  if (session) await endSession(ctx, session.id, 'agent', 'ended');
};
