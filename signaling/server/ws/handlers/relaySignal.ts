import { signalCarriesMedia, type AgentMessageOf, type CustomerMessageOf, type ServerMessageOf, type SessionPhase } from '../../../protocol';
import type { SessionRecord, SessionStore } from '../../store/sessionStore';
import type { ClientConnection } from '../../context/clientConnection';
import { sendError, type Handler, type HandlerContext } from '../../context/handlerContext';
import { sameJson, stampedSignalText, withWireText } from '../../context/wireText';
import { ownedSession, ownedSessionNow } from './ownedSession';

type SignalMessage = AgentMessageOf<'signal'> | CustomerMessageOf<'signal'>;

/** A received frame: its text, and its JSON before validation. */
export interface ReceivedFrame {
  text: string;
  json: unknown;
}

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
 * signals are most of the traffic. False when the store cannot, and nothing was done. With the
 * received frame, the relayed text is made from it (see `relayedSignal`).
 */
export function relaySignalNow(
  ctx: HandlerContext,
  connection: ClientConnection,
  message: SignalMessage,
  received?: ReceivedFrame,
): boolean {
  if (!readsNow(ctx.store)) return false;
  const session = ownedSessionNow(ctx.store, connection, sessionIdOf(message));
  if (session) relayWithin(ctx, connection, message, session, received);
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
  received?: ReceivedFrame,
): void {
  const target = connection.role === 'agent' ? session.customerConnectionId : session.agentConnectionId;
  const allowed = PICTURE_PHASES.has(session.phase) || (session.phase === 'key-entered' && !signalCarriesMedia(message.data));
  if (!target || !allowed) {
    return sendError(connection, 'not-allowed', 'The screen share has not been accepted yet.');
  }
  ctx.metrics.signalRelayed(connection.role);
  ctx.router.deliver(target, relayedSignal(connection, message, session.id, received));
}

/**
 * What the other side gets. When validation left the received frame as it was (nothing stripped),
 * the message carries the frame's own text with the server's stamp spliced in, so sending it
 * costs no JSON.stringify; otherwise it is serialised from the validated message as usual.
 */
function relayedSignal(
  connection: ClientConnection,
  message: SignalMessage,
  sessionId: string,
  received: ReceivedFrame | undefined,
): ServerMessageOf<'signal'> {
  const relayed: ServerMessageOf<'signal'> = { type: 'signal', sessionId, from: connection.role, data: message.data };
  if (!received || !sameJson(received.json, message)) return relayed;
  return withWireText(relayed, stampedSignalText(received.text, connection.role, 'sessionId' in message ? undefined : sessionId));
}
