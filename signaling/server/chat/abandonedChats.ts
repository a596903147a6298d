import type { HandlerContext } from '../context/handlerContext';
import { broadcastInbox } from './conversationDelivery';

type AbandonContext = Pick<HandlerContext, 'chat' | 'router' | 'log' | 'config' | 'resume' | 'audit'>;

/**
 * A waiting chat whose customer is gone (tab closed, or a script that opened it and left) leaves
 * the inbox after the grace period (RESUME_GRACE_SECONDS) unless the customer came back by then:
 * otherwise anyone could fill the inbox (CHAT_MAX_WAITING) with chats nobody waits in, and real
 * customers would read "all busy". One timer per conversation, on the node that saw the socket go.
 */
export class AbandonedChats {
  /** Per conversation: the timer, and the customer connection it waits on. */
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; connectionId: string }>();

  /** The customer's socket `connectionId` closed: close the chat unless it resumes within the grace period. */
  watch(ctx: AbandonContext, conversationId: string, connectionId: string): void {
    const running = this.timers.get(conversationId);
    if (running?.connectionId === connectionId) return;
    clearTimeout(running?.timer);
    const timer = setTimeout(() => {
      this.timers.delete(conversationId);
      closeIfStillGone(ctx, conversationId, connectionId).catch((error: unknown) =>
        ctx.log.error({ err: error, conversationId }, 'closing an abandoned chat failed'),
      );
    }, ctx.config.resumeGraceMs);
    timer.unref();
    this.timers.set(conversationId, { timer, connectionId });
  }

  /**
   * The inbox is full: waiting chats whose customer socket is on no running node (its node died
   * before it could start the timer) get the same grace period from now.
   */
  async sweep(ctx: AbandonContext): Promise<void> {
    for (const conversation of await ctx.chat.store.listWaiting(ctx.chat.maxWaiting)) {
      const connectionId = conversation.customerConnectionId;
      if (connectionId && !this.timers.has(conversation.id) && !(await ctx.resume.connectionReachable(connectionId))) {
        this.watch(ctx, conversation.id, connectionId);
      }
    }
  }

  cancelAll(): void {
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

async function closeIfStillGone(ctx: AbandonContext, conversationId: string, connectionId: string): Promise<void> {
  const conversation = await ctx.chat.store.getConversation(conversationId);
  if (conversation?.state !== 'waiting' || conversation.customerConnectionId !== connectionId) return;
  await ctx.audit.append({ type: 'chat.ended', conversationId, actor: 'server', details: { by: 'server', reason: 'customer-left' } });
  await ctx.chat.store.updateConversation(conversationId, { state: 'closed', tokenHash: null });
  ctx.log.info({ conversationId }, 'waiting chat closed: the customer left');
  await broadcastInbox(ctx);
}
