import type { CustomerMessageOf } from '../../../protocol';
import { hashToken } from '../../chat/conversationToken';
import { conversationMessage } from '../../chat/conversationDelivery';
import { rememberCustomerSocket } from './chatMembership';
import { sendError, type Handler } from '../../context/handlerContext';

/** A reloaded page proves it is the conversation's customer with its token; the newest socket wins. */
export const chatResume: Handler<CustomerMessageOf<'chat.resume'>> = async (ctx, connection, message) => {
  const found = await ctx.chat.store.findByTokenHash(hashToken(message.token));
  if (!found || found.state === 'closed') {
    return sendError(connection, 'unknown-session', 'This conversation has ended.', { ref: message.ref });
  }
  const conversation = await ctx.chat.store.updateConversation(found.id, { customerConnectionId: connection.id });
  if (!conversation) return sendError(connection, 'unknown-session', 'This conversation has ended.', { ref: message.ref });
  rememberCustomerSocket(ctx, connection, conversation.id);
  connection.send(await conversationMessage(ctx, conversation, 'customer', { ref: message.ref }));
  ctx.log.info({ conversationId: conversation.id }, 'chat resumed');
};
