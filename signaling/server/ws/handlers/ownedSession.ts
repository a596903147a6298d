import type { SessionRecord, SessionStore } from '../../store/sessionStore';
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
  const id = joinedSessionId(connection, sessionId);
  return memberOrRefuse(connection, id === undefined ? undefined : await ctx.store.getSession(id), ref);
}

/** The same check without waiting, through a store that reads sessions at once (the relay's fast path). */
export function ownedSessionNow(
  store: Required<Pick<SessionStore, 'readSessionNow'>>,
  connection: ClientConnection,
  sessionId: string | undefined,
): Readonly<SessionRecord> | undefined {
  const id = joinedSessionId(connection, sessionId);
  return memberOrRefuse(connection, id === undefined ? undefined : store.readSessionNow(id), undefined);
}

function joinedSessionId(connection: ClientConnection, sessionId: string | undefined): string | undefined {
  const id = sessionId ?? connection.sessionIds.values().next().value;
  return id && connection.sessionIds.has(id) ? id : undefined;
}

function memberOrRefuse<S extends Readonly<SessionRecord>>(
  connection: ClientConnection,
  session: S | undefined,
  ref: string | undefined,
): S | undefined {
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
