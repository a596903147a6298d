import type { ServerMessage } from '../../protocol';
import { endSession } from '../sessions/endSession';
import type { MessageRouter } from '../context/messageRouter';
import type { HandlerContext } from '../context/handlerContext';
import { postEntry } from './conversationDelivery';

type ShareEventDeps = Omit<Parameters<typeof endSession>[0], 'router'> & Pick<HandlerContext, 'chat' | 'log' | 'metrics'>;

/**
 * Turns what happens to a screen share that was requested in a chat into system messages of
 * that chat. It watches the session messages the server sends anyway (session.update,
 * session.ended), so the voice-key session machinery stays exactly as it is. A key that expires
 * unused ends the chat's share session: the agent simply asks again.
 */
export function withChatShareEvents(inner: MessageRouter, deps: ShareEventDeps): MessageRouter {
  const announcedSharing = new Set<string>();
  const router: MessageRouter = {
    deliver(connectionId: string, message: ServerMessage) {
      inner.deliver(connectionId, message);
      if (message.type === 'session.update' || message.type === 'session.ended') {
        deps.chat.shareEvents.track(
          react(message).catch((error: unknown) =>
            deps.log.error({ err: error, sessionId: message.sessionId }, 'chat share event failed'),
          ),
        );
      }
    },
  };
  const ctx = { ...deps, router };

  async function react(message: Extract<ServerMessage, { type: 'session.update' | 'session.ended' }>): Promise<void> {
    const { sessionId } = message;
    if (message.type === 'session.update') {
      if (message.phase === 'sharing' && !announcedSharing.has(sessionId)) {
        const conversationId = await deps.chat.store.conversationOfShare(sessionId);
        if (!conversationId) return;
        announcedSharing.add(sessionId);
        deps.metrics.chatShareRequestSettled('started');
        await postEntry(ctx, conversationId, { from: 'system', event: 'share-started', sessionId });
      } else if (message.phase === 'key-expired') {
        const conversationId = await finishShare(sessionId);
        if (!conversationId) return;
        deps.metrics.chatShareRequestSettled('expired');
        await postEntry(ctx, conversationId, { from: 'system', event: 'share-expired', sessionId });
        await endSession(ctx, sessionId, 'server', 'ended');
      }
      return;
    }
    const wasSharing = announcedSharing.has(sessionId);
    const conversationId = await finishShare(sessionId);
    if (!conversationId) return;
    if (message.reason === 'declined') deps.metrics.chatShareRequestSettled('declined');
    else if (!wasSharing) deps.metrics.chatShareRequestSettled('cancelled');
    if (message.reason === 'declined') {
      await postEntry(ctx, conversationId, { from: 'system', event: 'share-declined', sessionId });
    } else {
      await postEntry(ctx, conversationId, {
        from: 'system',
        event: 'share-ended',
        sessionId,
        by: message.by,
        reason: message.reason,
      });
    }
  }

  /** The first observer of a share's end takes the link; later deliveries of the same end find nothing. */
  async function finishShare(sessionId: string): Promise<string | undefined> {
    announcedSharing.delete(sessionId);
    const conversationId = await deps.chat.store.unlinkShare(sessionId);
    if (!conversationId) return undefined;
    const conversation = await deps.chat.store.getConversation(conversationId);
    if (conversation?.shareSessionId === sessionId) {
      await deps.chat.store.updateConversation(conversationId, { shareSessionId: null });
    }
    return conversationId;
  }

  return router;
}
