import { randomBytes } from 'node:crypto';
import type { AgentMessageOf } from '../../../protocol';
import { issueKey } from '../../sessions/issueKey';
import { grantResumeToken } from '../../sessions/resumeTokens';
import { sendError, type Handler } from './context';

/** How many screen shares one agent console may run at once. */
export const MAX_SESSIONS_PER_AGENT = 20;

export const createSession: Handler<AgentMessageOf<'session.create'>> = async (ctx, connection, message) => {
  const agent = connection.agent;
  if (!agent) return sendError(connection, 'not-allowed', 'Only signed-in agents can start a screen share.');
  if (connection.sessionIds.size >= MAX_SESSIONS_PER_AGENT) {
    return sendError(connection, 'rate-limited', `At most ${MAX_SESSIONS_PER_AGENT} screen shares at once.`, {
      ref: message.ref,
    });
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
  const { key, expiresAt } = await issueKey(ctx, sessionId);
  connection.send({ type: 'session.key', sessionId, key, expiresAt, ref: message.ref });
  await grantResumeToken(ctx, connection, sessionId);
  ctx.log.info({ sessionId, agent: agent.username }, 'session created');
};
