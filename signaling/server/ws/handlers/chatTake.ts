import type { AgentMessageOf } from '../../../protocol';
import { broadcastInbox, conversationMessage, postEntry } from '../../chat/conversationDelivery';
import { sendError, type Handler } from '../../context/handlerContext';

/** Takes a waiting conversation. Two agents clicking at once: the store lets exactly one win. */
export const chatTake: Handler<AgentMessageOf<'chat.take'>> = async (ctx, connection, message) => {
  const agent = connection.agent;
  if (!agent) return sendError(connection, 'not-allowed', 'Only signed-in agents can take a conversation.');
  const taken = await ctx.chat.store.assign(message.conversationId, {
    username: agent.username,
    displayName: agent.displayName,
    connectionId: connection.id,
  });
  if (!taken) {
    return sendError(connection, 'not-allowed', 'Another agent has already taken this conversation.', {
      ref: message.ref,
    });
  }
  await ctx.audit.append({ type: 'chat.taken', conversationId: taken.id, agent: agent.username, actor: 'agent' });
  connection.send(await conversationMessage(ctx, taken, 'agent', { ref: message.ref }));
  if (taken.customerConnectionId) {
    ctx.router.deliver(taken.customerConnectionId, {
      type: 'chat.state',
      conversationId: taken.id,
      state: 'assigned',
      agentName: agent.displayName,
    });
  }
  await postEntry(ctx, taken.id, { from: 'system', event: 'agent-joined', name: agent.displayName });
  ctx.log.info({ conversationId: taken.id, agent: agent.username }, 'chat taken');
  await broadcastInbox(ctx);
};
