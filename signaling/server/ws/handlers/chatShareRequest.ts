import type { AgentMessageOf } from '../../../protocol';
import { postEntry } from '../../chat/conversationDelivery';
import { handOutFirstKey, openAgentSession } from '../../sessions/agentSession';
import { agentConversation } from './chatMembership';
import { sendError, type Handler } from '../../context/handlerContext';

/**
 * "Request screen share" in a chat: a normal screen-share session for the agent (the console's
 * panel and video work as in the voice flow), whose key goes to the customer's chat client in a
 * system message instead of being read aloud.
 */
export const chatShareRequest: Handler<AgentMessageOf<'chat.share.request'>> = async (ctx, connection, message) => {
  const agent = connection.agent;
  const conversation = await agentConversation(ctx, connection, message.conversationId, message.ref);
  if (!conversation || !agent) return;
  const ref = message.ref;
  if (conversation.state !== 'assigned') {
    return sendError(connection, 'not-allowed', 'This conversation has ended.', { ref });
  }
  if (conversation.shareSessionId && (await ctx.store.getSession(conversation.shareSessionId))) {
    return sendError(connection, 'not-allowed', 'A screen share is already under way in this conversation.', { ref });
  }
  const sessionId = await openAgentSession(ctx, connection, agent, ref);
  if (!sessionId) return;
  await ctx.chat.store.linkShare(sessionId, conversation.id);
  await ctx.chat.store.updateConversation(conversation.id, { shareSessionId: sessionId });
  await ctx.audit.append({ type: 'chat.share-requested', sessionId, conversationId: conversation.id, agent: agent.username, actor: 'agent' });
  const { key, expiresAt } = await handOutFirstKey(ctx, connection, sessionId, ref);
  await postEntry(ctx, conversation.id, {
    from: 'system',
    event: 'share-requested',
    name: agent.displayName,
    sessionId,
    share: { key, expiresAt },
  });
  ctx.log.info({ sessionId, conversationId: conversation.id, agent: agent.username }, 'screen share requested in chat');
};
