import type { Role } from '../../protocol';
import type { SessionRecord } from '../store/sessionStore';
import type { ClientConnection } from '../context/clientConnection';
import type { HandlerContext } from '../context/handlerContext';
import { endSession } from './endSession';

type PresenceContext = Pick<HandlerContext, 'store' | 'router' | 'keyTimers' | 'log' | 'config' | 'resume' | 'audit'>;

export const connectionOf = (session: SessionRecord, role: Role): string | null =>
  role === 'agent' ? session.agentConnectionId : session.customerConnectionId;

export const awayUntilOf = (session: SessionRecord, role: Role): number | null | undefined =>
  role === 'agent' ? session.agentAwayUntil : session.customerAwayUntil;

export const awayField = (role: Role): 'agentAwayUntil' | 'customerAwayUntil' =>
  role === 'agent' ? 'agentAwayUntil' : 'customerAwayUntil';

export const otherRole = (role: Role): Role => (role === 'agent' ? 'customer' : 'agent');

/**
 * A member's socket closed (or the heartbeat declared it dead): instead of ending its sessions,
 * mark the member away, tell the other side, and end the session only if the member has not
 * resumed when the grace period is over.
 */
export async function memberLeft(ctx: PresenceContext, connection: ClientConnection): Promise<void> {
  for (const sessionId of [...connection.sessionIds]) {
    try {
      const session = await ctx.store.getSession(sessionId);
      // Already resumed on another connection, or over: nothing to wait for.
      if (!session || connectionOf(session, connection.role) !== connection.id) continue;
      await markAway(ctx, session, connection.role, Date.now() + ctx.config.resumeGraceMs);
    } catch (error) {
      ctx.log.error({ err: error, sessionId }, 'could not mark a session member as away');
    }
  }
}

/** Records `role` as away until `until`, tells the other member and starts this node's grace timer. */
export async function markAway(ctx: PresenceContext, session: SessionRecord, role: Role, until: number): Promise<void> {
  const updated = await ctx.store.updateSession(session.id, { [awayField(role)]: until });
  if (!updated) return;
  const other = connectionOf(updated, otherRole(role));
  if (other) ctx.router.deliver(other, { type: 'session.peer', sessionId: session.id, state: 'away' });
  watchAway(ctx, session.id, role, connectionOf(session, role), until);
  ctx.log.info({ sessionId: session.id, role, graceMs: until - Date.now() }, 'session member away');
}

/**
 * Ends the session at `until` if the member is still the same (gone) connection by then. Any
 * node may run this for a session: a resume changes the member's connection id, so a late timer
 * finds a different id and does nothing, and ending is atomic, so two timers never both end it.
 */
export function watchAway(ctx: PresenceContext, sessionId: string, role: Role, goneConnectionId: string | null, until: number): void {
  ctx.resume.timers.schedule(sessionId, role, until - Date.now(), () => {
    void (async () => {
      const session = await ctx.store.getSession(sessionId);
      if (!session || connectionOf(session, role) !== goneConnectionId) return;
      ctx.log.info({ sessionId, role }, 'session member did not come back in time');
      await endSession(ctx, sessionId, 'server', 'connection-lost');
    })().catch((error: unknown) => ctx.log.error({ err: error, sessionId }, 'grace period end failed'));
  });
}
