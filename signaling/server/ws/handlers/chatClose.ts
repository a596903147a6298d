import type { AgentMessageOf } from '../../../protocol';
import { closedStateMessage, postEntry } from '../../chat/conversationDelivery';
import { endSession } from '../../sessions/endSession';
import { agentConversation } from './chatMembership';
import type { Handler } from '../../context/handlerContext';

/** The agent ends the conversation: the customer's token is revoked, a running share ends. */
export const chatClose: Handler<AgentMessageOf<'chat.close'>> = async (ctx, connection, message) => {
  const conversation = await agentConversation(ctx, connection, message.conversationId);
  if (!conversation || conversation.state === 'closed') return;
  if (conversation.shareSessionId) {
    await endSession(ctx, conversation.shareSessionId, 'agent', 'ended');
    await ctx.chat.shareEvents.settled();
  }
  await ctx.audit.append({
    type: 'chat.ended',
    conversationId: conversation.id,
    agent: conversation.agentUsername ?? undefined,
    actor: 'agent',
    details: { by: 'agent' },
  });
  await ctx.chat.store.updateConversation(conversation.id, { state: 'closed', tokenHash: null });
  await postEntry(ctx, conversation.id, { from: 'system', event: 'chat-closed', by: 'agent' });
  const closed = closedStateMessage(conversation);
  if (conversation.customerConnectionId) ctx.router.deliver(conversation.customerConnectionId, closed);
  // The agent's console too: its reply box, "Request screen share" and "End chat" go read-only.
  ctx.router.deliver(connection.id, closed);
  ctx.log.info({ conversationId: conversation.id }, 'chat closed');
};
