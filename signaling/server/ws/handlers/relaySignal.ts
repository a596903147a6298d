import { signalCarriesMedia, type AgentMessageOf, type CustomerMessageOf, type SessionPhase } from '../../../protocol';
import { sendError, type Handler } from '../../context/handlerContext';
import { ownedSession } from './ownedSession';

/** Phases in which the picture connection may be negotiated (a paused share keeps its connection). */
const PICTURE_PHASES: ReadonlySet<SessionPhase> = new Set(['choosing-screen', 'sharing', 'paused']);

/**
 * WebRTC signaling goes only between the two members of one session, stamped with the sender's
 * role by the server. Media never passes through here. While the customer reads the consent
 * screen ('key-entered') the two may already connect, but only without media: a data channel,
 * so that "Share my screen" only has to add the picture. No offer or answer with a video or
 * audio section is relayed before consent.
 */
export const relaySignal: Handler<AgentMessageOf<'signal'> | CustomerMessageOf<'signal'>> = async (
  ctx,
  connection,
  message,
) => {
  const session = await ownedSession(ctx, connection, 'sessionId' in message ? message.sessionId : undefined);
  if (!session) return;
  const target = connection.role === 'agent' ? session.customerConnectionId : session.agentConnectionId;
  const allowed = PICTURE_PHASES.has(session.phase) || (session.phase === 'key-entered' && !signalCarriesMedia(message.data));
  if (!target || !allowed) {
    return sendError(connection, 'not-allowed', 'The screen share has not been accepted yet.');
  }
  ctx.metrics.signalRelayed(connection.role);
  ctx.router.deliver(target, { type: 'signal', sessionId: session.id, from: connection.role, data: message.data });
};
