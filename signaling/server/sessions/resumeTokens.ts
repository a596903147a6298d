import { createHash, randomBytes } from 'node:crypto';
import type { HandlerContext } from '../context/handlerContext';
import type { ClientConnection } from '../context/clientConnection';
import { SESSION_IDLE_TTL_MS } from '../store/redisSessionStore';

/** The store only ever sees a token's hash, so a copy of the store cannot be used to resume. */
export function hashResumeToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Gives a member of a session a fresh single-use resume token and sends it. The token stays
 * usable as long as the session lives (a session whose member stays away past the grace period
 * ends, and with it every token); the store forgets unused ones after a day.
 */
export async function grantResumeToken(
  ctx: Pick<HandlerContext, 'store' | 'config'>,
  connection: ClientConnection,
  sessionId: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await ctx.store.saveResumeToken(hashResumeToken(token), { sessionId, role: connection.role }, Date.now() + SESSION_IDLE_TTL_MS);
  connection.send({ type: 'session.token', sessionId, token, graceMs: ctx.config.resumeGraceMs });
}
