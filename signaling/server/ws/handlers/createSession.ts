import type { AgentMessageOf } from '../../../protocol';
import { handOutFirstKey, openAgentSession } from '../../sessions/agentSession';
import { sendError, type Handler } from '../../context/handlerContext';

export const createSession: Handler<AgentMessageOf<'session.create'>> = async (ctx, connection, message) => {
  const agent = connection.agent;
  if (!agent) return sendError(connection, 'not-allowed', 'Only signed-in agents can start a screen share.');
  const sessionId = await openAgentSession(ctx, connection, agent, message.ref, message.conversation);
  if (!sessionId) return;
  await handOutFirstKey(ctx, connection, sessionId, message.ref, message.conversation);
  ctx.log.info({ sessionId, agent: agent.username }, 'session created');
};
