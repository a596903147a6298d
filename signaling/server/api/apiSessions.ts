import { randomBytes } from 'node:crypto';
import type { AccountDirectory } from '../accounts/accountDirectory';
import { issueKey } from '../sessions/issueKey';
import { watchAway } from '../sessions/memberPresence';
import { hashResumeToken } from '../sessions/resumeTokens';
import { SESSION_IDLE_TTL_MS } from '../store/redisSessionStore';
import type { HandlerContext } from '../context/handlerContext';

/** Stands in for the agent's connection until the agent opens the console link. */
export const NOT_YET_OPENED = 'api:not-yet-opened';

export interface ApiSessionContext {
  readonly ctx: HandlerContext;
  readonly accounts: Pick<AccountDirectory, 'find'>;
}

export interface OpenedApiSession {
  readonly sessionId: string;
  readonly key: string;
  readonly keyExpiresAt: number;
  /** The single-use agent resume token that the console link carries. */
  readonly agentToken: string;
}

/**
 * Opens a voice-key session for a named agent on behalf of an integration. The agent is not
 * connected yet: the session waits with the agent "away" (as after a reload) until the agent opens
 * the console link, which resumes it with a token only that agent's sign-in can use. Unopened,
 * it ends like any session whose agent stays away, after the key's lifetime plus the grace period.
 */
export async function openApiSession(
  { ctx, accounts }: ApiSessionContext,
  agentName: string,
  conversationId: string | undefined,
): Promise<OpenedApiSession | 'too-many' | undefined> {
  const agent = accounts.find(agentName);
  if (!agent) return undefined;
  const sessionId = randomBytes(18).toString('base64url');
  const awayUntil = Date.now() + ctx.config.keyTtlMs + ctx.config.resumeGraceMs;
  const created = await ctx.store.createSession({
    id: sessionId,
    agentUsername: agent.username,
    agentDisplayName: agent.displayName,
    agentConnectionId: NOT_YET_OPENED,
    customerConnectionId: null,
    phase: 'waiting',
    key: null,
    keyExpiresAt: null,
    createdAt: Date.now(),
    agentAwayUntil: awayUntil,
    conversationId: conversationId ?? null,
  }, ctx.config.agentLimits.maxSessions);
  if (!created) return 'too-many';
  const { key, expiresAt } = await issueKey(ctx, sessionId, { agent: agent.username, type: 'key.issued', conversationId });
  const agentToken = randomBytes(32).toString('base64url');
  await ctx.store.saveResumeToken(hashResumeToken(agentToken), { sessionId, role: 'agent' }, Date.now() + SESSION_IDLE_TTL_MS);
  watchAway(ctx, sessionId, 'agent', NOT_YET_OPENED, awayUntil);
  ctx.log.info({ sessionId, agent: agent.username }, 'session created through the API');
  return { sessionId, key, keyExpiresAt: expiresAt, agentToken };
}

/** The console link: the token rides in the fragment, which browsers never send to a server. */
export function consoleLink(baseUrl: string, sessionId: string, agentToken: string, conversationId: string | undefined): string {
  const fragment = new URLSearchParams({ session: sessionId, token: agentToken });
  const query = conversationId ? `?${new URLSearchParams({ conversation: conversationId }).toString()}` : '';
  return `${baseUrl}/agent${query}#${fragment.toString()}`;
}
