import type { SessionRecord } from '../../store/sessionStore';
import type { ClientConnection } from '../../context/clientConnection';
import { sendError, type HandlerContext } from '../../context/handlerContext';

/**
 * The session a message refers to, if the sender takes part in it. Anyone else gets the same
 * "unknown-session" answer, so session ids cannot be probed.
 */
export async function ownedSession(
  ctx: HandlerContext,
  connection: ClientConnection,
  sessionId: string | undefined,
  ref?: string,
): Promise<SessionRecord | undefined> {
  const id = sessionId ?? [...connection.sessionIds][0];
  const session = id && connection.sessionIds.has(id) ? await ctx.store.getSession(id) : undefined;
  const member =
    session &&
    (connection.role === 'agent'
      ? session.agentConnectionId === connection.id
      : session.customerConnectionId === connection.id);
  if (!session || !member) {
    sendError(connection, 'unknown-session', 'There is no such screen share for you.', { ref });
    return undefined;
  }
  return session;
}
