import type { SessionPhase } from '../../protocol';
import type { SessionRecord } from '../store/sessionStore';
import type { HandlerContext } from '../ws/handlers/context';

/**
 * Which phase of a screen-share session may follow which: the one place that says so. Handlers
 * still answer a refused move with their own words; the table decides.
 */
export const NEXT_PHASES: Readonly<Record<SessionPhase, readonly SessionPhase[]>> = {
  waiting: ['key-entered', 'key-expired'],
  'key-expired': ['waiting'],
  'key-entered': ['choosing-screen'],
  'choosing-screen': ['sharing'],
  // The customer may pick another screen while sharing (or paused), or pause and resume.
  sharing: ['choosing-screen', 'paused'],
  paused: ['sharing', 'choosing-screen'],
};

export function mayMove(from: SessionPhase, to: SessionPhase): boolean {
  return NEXT_PHASES[from].includes(to);
}

/**
 * Moves a session to its next phase and tells its agent (`session.update`). Answers false, and
 * changes nothing, when the table does not allow the move.
 */
export async function movePhase(
  ctx: Pick<HandlerContext, 'store' | 'router'>,
  session: Pick<SessionRecord, 'id' | 'phase' | 'agentConnectionId'>,
  to: SessionPhase,
): Promise<boolean> {
  if (!mayMove(session.phase, to)) return false;
  await ctx.store.updateSession(session.id, { phase: to });
  ctx.router.deliver(session.agentConnectionId, { type: 'session.update', sessionId: session.id, phase: to });
  return true;
}
