import { randomBytes } from 'node:crypto';
import type { AgentAccount } from '../accounts/accountDirectory';
import type { ClientConnection } from '../ws/clientConnection';
import { sendError, type HandlerContext } from '../ws/handlers/context';
import { grantSessionIce } from '../ice/sessionIce';
import { issueKey } from './issueKey';
import { grantResumeToken } from './resumeTokens';

/** How many screen shares one agent console may run at once. */
export const MAX_SESSIONS_PER_AGENT = 20;

/**
 * Opens a new screen-share session for the agent on this connection (voice key or chat request
 * alike) and returns its id; undefined, with an error sent to the console, when the agent already
 * runs as many as allowed.
 */
export async function openAgentSession(
  ctx: HandlerContext,
  connection: ClientConnection,
  agent: AgentAccount,
  ref: string | undefined,
): Promise<string | undefined> {
  if (connection.sessionIds.size >= MAX_SESSIONS_PER_AGENT) {
    sendError(connection, 'rate-limited', `At most ${MAX_SESSIONS_PER_AGENT} screen shares at once.`, { ref });
    return undefined;
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
  grantSessionIce(ctx.config, connection, sessionId);
  return sessionId;
}

/**
 * Gives the session its first key, shows it to the agent, and grants the console a resume token
 * so it can pick the session up again after a reload.
 */
export async function handOutFirstKey(
  ctx: HandlerContext,
  connection: ClientConnection,
  sessionId: string,
  ref: string | undefined,
): Promise<{ key: string; expiresAt: number }> {
  const { key, expiresAt } = await issueKey(ctx, sessionId);
  connection.send({ type: 'session.key', sessionId, key, expiresAt, ref });
  await grantResumeToken(ctx, connection, sessionId);
  return { key, expiresAt };
}
