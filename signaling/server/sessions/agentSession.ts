import { randomBytes } from 'node:crypto';
import type { AgentAccount } from '../accounts/accountDirectory';
import type { ClientConnection } from '../context/clientConnection';
import { sendError, type HandlerContext } from '../context/handlerContext';
import { grantSessionIce } from '../ice/sessionIce';
import { issueKey } from './issueKey';
import { grantResumeToken } from './resumeTokens';

/**
 * Takes one key from the agent account's budget (KEYS_PER_AGENT_PER_MINUTE); false, with an error
 * sent to the console, when it is used up.
 */
export async function takeKeyBudget(
  ctx: HandlerContext,
  connection: ClientConnection,
  agent: AgentAccount,
  ref: string | undefined,
): Promise<boolean> {
  const verdict = await ctx.agentKeys.take(agent.username);
  if (verdict === true) return true;
  ctx.warnings.warn(connection.ip, { agent: agent.username }, 'key refused: too many keys for this agent account');
  sendError(connection, 'rate-limited', 'Too many new keys in a short time. Please wait a moment.', { ref, retryAfterMs: verdict });
  return false;
}

/**
 * Opens a new screen-share session for the agent on this connection (voice key or chat request
 * alike) and returns its id; undefined, with an error sent to the console, when the agent account
 * already runs as many as allowed (MAX_SESSIONS_PER_AGENT, over all its consoles and nodes) or
 * has used up its key budget.
 */
export async function openAgentSession(
  ctx: HandlerContext,
  connection: ClientConnection,
  agent: AgentAccount,
  ref: string | undefined,
  conversationId?: string,
): Promise<string | undefined> {
  const max = ctx.config.agentLimits.maxSessions;
  if (!(await takeKeyBudget(ctx, connection, agent, ref))) return undefined;
  const sessionId = randomBytes(18).toString('base64url');
  const record = {
    id: sessionId,
    agentUsername: agent.username,
    agentDisplayName: agent.displayName,
    agentConnectionId: connection.id,
    customerConnectionId: null,
    phase: 'waiting',
    key: null,
    keyExpiresAt: null,
    createdAt: Date.now(),
    conversationId: conversationId ?? null,
  } as const;
  if (!(await ctx.store.createSession(record, max))) {
    sendError(connection, 'rate-limited', `At most ${max} screen shares at once.`, { ref });
    return undefined;
  }
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
  conversationId?: string,
): Promise<{ key: string; expiresAt: number }> {
  const agent = connection.agent?.username ?? '';
  const { key, expiresAt } = await issueKey(ctx, sessionId, { agent, type: 'key.issued', conversationId });
  connection.send({ type: 'session.key', sessionId, key, expiresAt, ref });
  await grantResumeToken(ctx, connection, sessionId);
  return { key, expiresAt };
}
