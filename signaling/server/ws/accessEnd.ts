import { CloseCode, type RevocationReason } from '../../protocol';
import type { Revocation } from '../auth/accessRevocation';
import { endSession } from '../sessions/endSession';
import type { ClientConnection } from '../context/clientConnection';
import type { HandlerContext } from '../context/handlerContext';

/** Whether a revocation is about this (agent) connection: its agent, and its sign-in when one is named. */
export function concerns(revocation: Revocation, connection: ClientConnection): boolean {
  if (connection.role !== 'agent' || !connection.agent) return false;
  if (connection.agent.username.toLowerCase() !== revocation.username.toLowerCase()) return false;
  return revocation.signInId === undefined || revocation.signInId === connection.signIn?.id;
}

/**
 * An agent's access ended while its console is connected: its live shares end now (the customer
 * reads why: "signed out", or the agent's access ended), the console is told why, and the socket
 * is closed with 4401 so it does not try to resume.
 */
export async function endAgentAccess(
  ctx: Pick<HandlerContext, 'store' | 'router' | 'keyTimers' | 'log' | 'audit'>,
  connection: ClientConnection,
  reason: RevocationReason,
): Promise<void> {
  const endReason = reason === 'signed-out' ? 'signed-out' : 'access-revoked';
  for (const sessionId of [...connection.sessionIds]) {
    try {
      await endSession(ctx, sessionId, 'server', endReason);
    } catch (error) {
      ctx.log.error({ err: error, sessionId }, 'could not end a session of a revoked agent');
    }
  }
  connection.send({ type: 'access.revoked', reason });
  connection.socket.close(CloseCode.unauthenticated, 'access revoked');
  ctx.log.info({ agent: connection.agent?.username, reason, connectionId: connection.id }, 'agent socket closed: access ended');
}

/** setTimeout's longest delay; a later sign-in expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `expired` when the connection's sign-in expires; answers a cancel function. */
export function watchSignInExpiry(connection: ClientConnection, expired: () => void): () => void {
  const expiresAt = connection.signIn?.expiresAt;
  if (expiresAt === undefined) return () => undefined;
  let timer: NodeJS.Timeout;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) return expired();
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  return () => clearTimeout(timer);
}
