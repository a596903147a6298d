import type { AgentMessageOf, CustomerMessageOf } from '../../../protocol';
import { agentConversation, customerConversation } from './chatMembership';
import type { Handler } from '../../context/handlerContext';

/** "… is typing" goes to the other person of the conversation only; nothing is stored. */
export const customerChatTyping: Handler<CustomerMessageOf<'chat.typing'>> = async (ctx, connection, message) => {
  const conversation = await customerConversation(ctx, connection);
  if (!conversation?.agentConnectionId || conversation.state !== 'assigned') return;
  ctx.router.deliver(conversation.agentConnectionId, {
    type: 'chat.typing',
    conversationId: conversation.id,
    from: 'customer',
    typing: message.typing,
  });
};

export const agentChatTyping: Handler<AgentMessageOf<'chat.typing'>> = async (ctx, connection, message) => {
  const conversation = await agentConversation(ctx, connection, message.conversationId);
  if (!conversation?.customerConnectionId || conversation.state !== 'assigned') return;
  ctx.router.deliver(conversation.customerConnectionId, {
    type: 'chat.typing',
    conversationId: conversation.id,
    from: 'agent',
    typing: message.typing,
  });
};
