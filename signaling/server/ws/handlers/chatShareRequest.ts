import { randomBytes } from 'node:crypto';
import type { AgentMessageOf } from '../../../protocol';
import { postEntry } from '../../chat/conversationDelivery';
import { issueKey } from '../../sessions/issueKey';
import { grantResumeToken } from '../../sessions/resumeTokens';
import { agentConversation } from './chatMembership';
import { sendError, type Handler } from './context';
import { MAX_SESSIONS_PER_AGENT } from './createSession';

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
  if (connection.sessionIds.size >= MAX_SESSIONS_PER_AGENT) {
    return sendError(connection, 'rate-limited', `At most ${MAX_SESSIONS_PER_AGENT} screen shares at once.`, { ref });
  }
  const sessionId = randomBytes(18).toString('base64url');
  await ctx.store.createSession({
    id: sessionId,
    agentUsername: agent.username,
    agentDisplayName: agent.displayName,
    agentConnectionId: connection.id,
    customerConnectionId: null,
    phase: 'waiting',
    key: null,
    keyExpiresAt: null,
    createdAt: Date.now(),
  });
  connection.sessionIds.add(sessionId);
  await ctx.chat.store.linkShare(sessionId, conversation.id);
  await ctx.chat.store.updateConversation(conversation.id, { shareSessionId: sessionId });
  const { key, expiresAt } = await issueKey(ctx, sessionId);
  connection.send({ type: 'session.key', sessionId, key, expiresAt, ref });
  // As for a voice-key session: the console may pick the session up again after a reload.
  await grantResumeToken(ctx, connection, sessionId);
  await postEntry(ctx, conversation.id, {
    from: 'system',
    event: 'share-requested',
    name: agent.displayName,
    sessionId,
    share: { key, expiresAt },
  });
  ctx.log.info({ sessionId, conversationId: conversation.id, agent: agent.username }, 'screen share requested in chat');
};
