import type { AgentMessageOf, CustomerMessageOf, SessionPhase } from '../../../protocol';
import { sendError, type Handler } from './context';
import { ownedSession } from './ownedSession';

/** Phases in which the picture connection may be negotiated (a paused share keeps its connection). */
const PICTURE_PHASES: ReadonlySet<SessionPhase> = new Set(['choosing-screen', 'sharing', 'paused']);

/**
 * WebRTC signaling goes only between the two members of one session, stamped with the sender's
 * role by the server. Media never passes through here.
 */
export const relaySignal: Handler<AgentMessageOf<'signal'> | CustomerMessageOf<'signal'>> = async (
  ctx,
  connection,
  message,
) => {
  const session = await ownedSession(ctx, connection, 'sessionId' in message ? message.sessionId : undefined);
  if (!session) return;
  const target = connection.role === 'agent' ? session.customerConnectionId : session.agentConnectionId;
  if (!target || !PICTURE_PHASES.has(session.phase)) {
    return sendError(connection, 'not-allowed', 'The screen share has not been accepted yet.');
  }
  ctx.metrics.signalRelayed(connection.role);
  ctx.router.deliver(target, { type: 'signal', sessionId: session.id, from: connection.role, data: message.data });
};
