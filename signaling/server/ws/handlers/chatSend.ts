import type { AgentMessageOf, CustomerMessageOf } from '../../../protocol';
import { broadcastInbox, postEntry, previewOf } from '../../chat/conversationDelivery';
import { agentConversation, customerConversation } from './chatMembership';
import { sendError, type Handler } from '../../context/handlerContext';

const CLOSED = 'This conversation has ended.';

export const customerChatSend: Handler<CustomerMessageOf<'chat.send'>> = async (ctx, connection, message) => {
  const conversation = await customerConversation(ctx, connection);
  if (!conversation) return;
  if (conversation.state === 'closed') return sendError(connection, 'not-allowed', CLOSED);
  const verdict = await ctx.chat.limits.message(conversation.id, connection.ip);
  if (!verdict.allowed) {
    return sendError(connection, 'rate-limited', 'You are sending messages very fast. Please wait a moment.', {
      retryAfterMs: verdict.retryAfterMs,
    });
  }
  await ctx.chat.store.updateConversation(conversation.id, { preview: previewOf(message.text) });
  const posted = await postEntry(ctx, conversation.id, {
    from: 'customer',
    text: message.text,
    clientId: message.clientId,
    ...(conversation.customerName ? { name: conversation.customerName } : {}),
  });
  if (posted) ctx.metrics.chatMessageRelayed('customer');
  if (conversation.state === 'waiting') await broadcastInbox(ctx);
};

export const agentChatSend: Handler<AgentMessageOf<'chat.send'>> = async (ctx, connection, message) => {
  const conversation = await agentConversation(ctx, connection, message.conversationId);
  if (!conversation) return;
  if (conversation.state === 'closed') return sendError(connection, 'not-allowed', CLOSED);
  const posted = await postEntry(ctx, conversation.id, {
    from: 'agent',
    text: message.text,
    clientId: message.clientId,
    name: conversation.agentDisplayName ?? connection.agent?.displayName ?? '',
  });
  if (posted) ctx.metrics.chatMessageRelayed('agent');
};
