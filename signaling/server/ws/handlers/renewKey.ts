import type { AgentMessageOf } from '../../../protocol';
import { issueKey } from '../../sessions/issueKey';
import { takeKeyBudget } from '../../sessions/agentSession';
import { mayMove, phaseChange } from '../../sessions/sessionPhases';
import { sendError, type Handler } from '../../context/handlerContext';
import { ownedSession } from './ownedSession';

export const renewKey: Handler<AgentMessageOf<'session.renewKey'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, message.sessionId, message.ref);
  if (!session || !connection.agent) return;
  if (!mayMove(session.phase, 'waiting')) {
    return sendError(connection, 'not-allowed', 'The customer has already joined; no new key is needed.', {
      ref: message.ref,
    });
  }
  if (!(await takeKeyBudget(ctx, connection, connection.agent, message.ref))) return;
  const { key, expiresAt } = await issueKey(ctx, session.id, { agent: session.agentUsername, type: 'key.renewed', conversationId: session.conversationId });
  await ctx.store.updateSession(session.id, phaseChange(session.phase, 'waiting'));
  connection.send({ type: 'session.key', sessionId: session.id, key, expiresAt, ref: message.ref });
  ctx.log.info({ sessionId: session.id }, 'key renewed');
};
