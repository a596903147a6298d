import type { SessionPhase, ShareSurface } from '../../protocol';
import type { SessionRecord } from '../store/sessionStore';
import type { HandlerContext } from '../context/handlerContext';

/**
 * Which phase of a screen-share session may follow which: the one place that says so. Handlers
 * still answer a refused move with their own words; the table decides.
 */
export const NEXT_PHASES: Readonly<Record<SessionPhase, readonly SessionPhase[]>> = {
  // A renewed key keeps an unused session waiting (with the new key).
  waiting: ['waiting', 'key-entered', 'key-expired'],
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

/** Only a picture (sharing or paused) has a kind: a whole screen or one window. */
const PICTURE_PHASES: ReadonlySet<SessionPhase> = new Set(['sharing', 'paused']);

/**
 * The store change for a move, for a handler that writes it together with fields of its own (a key
 * claim also stores the customer's connection). Throws on a move the table does not allow: the
 * handler checked its preconditions, so that is a bug, not a client error.
 */
export function phaseChange(from: SessionPhase, to: SessionPhase): { phase: SessionPhase } {
  if (!mayMove(from, to)) throw new Error(`session phase ${from} may not move to ${to}`);
  return { phase: to };
}

/** Tells the session's agent its new phase. */
export function announcePhase(
  ctx: Pick<HandlerContext, 'router'>,
  session: Pick<SessionRecord, 'id' | 'agentConnectionId'>,
  phase: SessionPhase,
): void {
  ctx.router.deliver(session.agentConnectionId, { type: 'session.update', sessionId: session.id, phase });
}

/**
 * Moves a session to its next phase and tells its agent (`session.update`, with what is shared
 * while there is a picture). Answers false, and changes nothing, when the table does not allow the move.
 */
export async function movePhase(
  ctx: Pick<HandlerContext, 'store' | 'router'>,
  session: Pick<SessionRecord, 'id' | 'phase' | 'agentConnectionId' | 'surface'>,
  to: SessionPhase,
  surface?: ShareSurface,
): Promise<boolean> {
  if (!mayMove(session.phase, to)) return false;
  const shown = PICTURE_PHASES.has(to) ? (surface ?? session.surface ?? 'screen') : null;
  await ctx.store.updateSession(session.id, { phase: to, surface: shown });
  ctx.router.deliver(session.agentConnectionId, {
    type: 'session.update',
    sessionId: session.id,
    phase: to,
    ...(shown ? { surface: shown } : {}),
  });
  return true;
}
