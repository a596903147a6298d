import type { CustomerMessageOf } from '../../../protocol';
import { endSession } from '../../sessions/endSession';
import { customerConversation } from './chatMembership';
import { sendError, type Handler } from '../../context/handlerContext';
import { customerActor } from './customerActor';

/** "No thanks": ends the requested session as declined; the chat's system message follows from that. */
export const chatShareDecline: Handler<CustomerMessageOf<'chat.share.decline'>> = async (ctx, connection, message) => {
  const conversation = await customerConversation(ctx, connection);
  if (!conversation) return;
  if (conversation.shareSessionId !== message.sessionId) {
    return sendError(connection, 'unknown-session', 'This screen share request is no longer open.');
  }
  await ctx.audit.append({
    type: 'chat.share-answered',
    sessionId: message.sessionId,
    conversationId: conversation.id,
    agent: conversation.agentUsername ?? undefined,
    ...customerActor(connection),
    details: { answer: 'declined' },
  });
  await endSession(ctx, message.sessionId, 'customer', 'declined');
};
