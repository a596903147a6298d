import { signalCarriesMedia, type AgentMessageOf, type CustomerMessageOf, type SessionPhase } from '../../../protocol';
import type { SessionRecord, SessionStore } from '../../store/sessionStore';
import type { ClientConnection } from '../../context/clientConnection';
import { sendError, type Handler, type HandlerContext } from '../../context/handlerContext';
import { ownedSession, ownedSessionNow } from './ownedSession';

type SignalMessage = AgentMessageOf<'signal'> | CustomerMessageOf<'signal'>;

/** Phases in which the picture connection may be negotiated (a paused share keeps its connection). */
const PICTURE_PHASES: ReadonlySet<SessionPhase> = new Set(['choosing-screen', 'sharing', 'paused']);

/**
 * WebRTC signaling goes only between the two members of one session, stamped with the sender's
 * role by the server. Media never passes through here. While the customer reads the consent
 * screen ('key-entered') the two may already connect, but only without media: a data channel,
 * so that "Share my screen" only has to add the picture. No offer or answer with a video or
 * audio section is relayed before consent.
 */
export const relaySignal: Handler<SignalMessage> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, sessionIdOf(message));
  if (session) relayWithin(ctx, connection, message, session);
};

/**
 * The same, without a promise, when the store reads sessions in this process (the memory store):
 * signals are most of the traffic. False when the store cannot, and nothing was done.
 */
export function relaySignalNow(ctx: HandlerContext, connection: ClientConnection, message: SignalMessage): boolean {
  if (!readsNow(ctx.store)) return false;
  const session = ownedSessionNow(ctx.store, connection, sessionIdOf(message));
  if (session) relayWithin(ctx, connection, message, session);
  return true;
}

function readsNow(store: SessionStore): store is SessionStore & Required<Pick<SessionStore, 'readSessionNow'>> {
  return store.readSessionNow !== undefined;
}

function sessionIdOf(message: SignalMessage): string | undefined {
  return 'sessionId' in message ? message.sessionId : undefined;
}

function relayWithin(
  ctx: HandlerContext,
  connection: ClientConnection,
  message: SignalMessage,
  session: Readonly<SessionRecord>,
): void {
  const target = connection.role === 'agent' ? session.customerConnectionId : session.agentConnectionId;
  const allowed = PICTURE_PHASES.has(session.phase) || (session.phase === 'key-entered' && !signalCarriesMedia(message.data));
  if (!target || !allowed) {
    return sendError(connection, 'not-allowed', 'The screen share has not been accepted yet.');
  }
  ctx.metrics.signalRelayed(connection.role);
  ctx.router.deliver(target, { type: 'signal', sessionId: session.id, from: connection.role, data: message.data });
}
