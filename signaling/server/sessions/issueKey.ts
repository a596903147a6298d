import { freshKey } from '../keys/keyGenerator';
import { movePhase } from './sessionPhases';
import type { HandlerContext } from '../context/handlerContext';

/**
 * Gives a session a new key (the old one, if any, stops working), starts its expiry timer and
 * returns what the agent must be shown.
 */
export async function issueKey(
  ctx: Pick<HandlerContext, 'store' | 'router' | 'keyTimers' | 'config' | 'log' | 'metrics' | 'audit'>,
  sessionId: string,
  audited: { agent: string; type: 'key.issued' | 'key.renewed'; conversationId?: string | null | undefined },
): Promise<{ key: string; expiresAt: number }> {
  const key = await freshKey(ctx.store);
  const expiresAt = Date.now() + ctx.config.keyTtlMs;
  await ctx.store.issueKey(sessionId, key, expiresAt);
  await ctx.audit.append({
    type: audited.type,
    sessionId,
    conversationId: audited.conversationId ?? undefined,
    agent: audited.agent,
    actor: 'agent',
    details: { expiresAt: new Date(expiresAt).toISOString() },
  });
  ctx.metrics.keyIssued();
  ctx.keyTimers.schedule(sessionId, expiresAt, () => {
    void (async () => {
      // A customer may have claimed the key just in time, possibly through another node (whose
      // claim cannot cancel this node's timer): report the expiry only if the key was still live.
      if (!(await ctx.store.retireKey(key, 'expired'))) return;
      const session = await ctx.store.getSession(sessionId);
      if (!session || session.phase !== 'waiting') return;
      await ctx.audit.append({ type: 'key.expired', sessionId, conversationId: session.conversationId ?? undefined, agent: session.agentUsername, actor: 'server' });
      await movePhase(ctx, session, 'key-expired');
      ctx.log.info({ sessionId }, 'key expired unused');
    })().catch((error: unknown) => ctx.log.error({ err: error, sessionId }, 'key expiry failed'));
  });
  return { key, expiresAt };
}
