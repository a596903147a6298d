import type { CustomerMessageOf } from '../../../protocol';
import { broadcastInbox, closedStateMessage, postEntry } from '../../chat/conversationDelivery';
import { endSession } from '../../sessions/endSession';
import { customerConversation } from './chatMembership';
import type { Handler } from '../../context/handlerContext';
import { customerActor } from './customerActor';

/**
 * The customer ends the conversation: a running share ends (as ended by the customer), the token
 * is revoked, the agent reads "<name> ended the chat", and a chat nobody took leaves the inbox.
 */
export const chatEnd: Handler<CustomerMessageOf<'chat.end'>> = async (ctx, connection) => {
  const conversation = await customerConversation(ctx, connection);
  if (!conversation || conversation.state === 'closed') return;
  if (conversation.shareSessionId) {
    await endSession(ctx, conversation.shareSessionId, 'customer', 'ended');
    await ctx.chat.shareEvents.settled();
  }
  await ctx.audit.append({
    type: 'chat.ended',
    conversationId: conversation.id,
    agent: conversation.agentUsername ?? undefined,
    ...customerActor(connection),
    details: { by: 'customer' },
  });
  await ctx.chat.store.updateConversation(conversation.id, { state: 'closed', tokenHash: null });
  await postEntry(ctx, conversation.id, {
    from: 'system',
    event: 'chat-closed',
    by: 'customer',
    ...(conversation.customerName ? { name: conversation.customerName } : {}),
  });
  const closed = closedStateMessage(conversation);
  ctx.router.deliver(connection.id, closed);
  if (conversation.agentConnectionId) ctx.router.deliver(conversation.agentConnectionId, closed);
  if (conversation.state === 'waiting') await broadcastInbox(ctx);
  ctx.log.info({ conversationId: conversation.id }, 'chat ended by the customer');
};
