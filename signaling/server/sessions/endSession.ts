import type { EndReason, EndedBy } from '../../protocol';
import type { HandlerContext } from '../context/handlerContext';

/**
 * Ends a session for good: its key dies, its state is deleted, and both people are told who
 * ended it and why. Safe to call twice (the second call finds nothing).
 */
export async function endSession(
  ctx: Pick<HandlerContext, 'store' | 'router' | 'keyTimers' | 'log' | 'audit'>,
  sessionId: string,
  by: EndedBy,
  reason: EndReason,
): Promise<void> {
  ctx.keyTimers.cancel(sessionId);
  const session = await ctx.store.deleteSession(sessionId);
  if (!session) return;
  if (session.key) await ctx.store.retireKey(session.key, 'expired');
  const now = Date.now();
  await ctx.audit.append({
    type: 'share.ended',
    sessionId,
    conversationId: session.conversationId ?? undefined,
    agent: session.agentUsername,
    actor: by,
    details: {
      by,
      reason,
      phase: session.phase,
      durationMs: now - session.createdAt,
      ...(session.sharingSince ? { sharingMs: now - session.sharingSince } : {}),
    },
  });
  const ended = { type: 'session.ended', sessionId, by, reason } as const;
  ctx.router.deliver(session.agentConnectionId, ended);
  if (session.customerConnectionId) ctx.router.deliver(session.customerConnectionId, ended);
  ctx.log.info({ sessionId, by, reason, durationMs: Date.now() - session.createdAt }, 'session ended');
}
