import type { AuditEventType } from '../../audit/auditEvent';
import type { CustomerMessageOf, SessionPhase } from '../../../protocol';
import { movePhase } from '../../sessions/sessionPhases';
import { sendError, type Handler } from '../../context/handlerContext';
import { ownedSession } from './ownedSession';
import { customerActor } from './customerActor';

const phaseOf: Record<CustomerMessageOf<'share.state'>['state'], SessionPhase> = {
  choosing: 'choosing-screen',
  sharing: 'sharing',
  paused: 'paused',
};

/** The audit event a phase change stands for, if any. */
function auditedStep(from: SessionPhase, to: SessionPhase, sharingSince: number | null | undefined): AuditEventType | undefined {
  if (to === 'paused') return 'share.paused';
  if (from === 'paused') return 'share.resumed';
  if (to === 'sharing' && !sharingSince) return 'share.started';
  return undefined;
}

function startDetails(message: CustomerMessageOf<'share.state'>): Record<string, string> {
  return {
    ...(message.resolution ? { resolution: `${message.resolution.width}x${message.resolution.height}` } : {}),
    surface: message.surface ?? 'screen',
  };
}

export const shareState: Handler<CustomerMessageOf<'share.state'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  if (session.phase === 'key-entered') return sendError(connection, 'not-allowed', 'Consent comes first.');
  // Only a running share can be paused.
  if (message.state === 'paused' && session.phase !== 'sharing') return sendError(connection, 'not-allowed', 'Nothing is shared yet.');
  if (message.surface === 'window' && !ctx.config.allowWindowShare) {
    return sendError(connection, 'not-allowed', 'Only a whole screen may be shared.');
  }
  const phase = phaseOf[message.state];
  if (phase === session.phase) return;
  const step = auditedStep(session.phase, phase, session.sharingSince);
  if (step) {
    await ctx.audit.append({
      type: step,
      sessionId: session.id,
      conversationId: session.conversationId ?? undefined,
      agent: session.agentUsername,
      ...customerActor(connection),
      details: step === 'share.started' ? startDetails(message) : {},
    });
  }
  if (!(await movePhase(ctx, session, phase, message.surface))) return sendError(connection, 'not-allowed', 'Nothing is shared yet.');
  if (step === 'share.started') await ctx.store.updateSession(session.id, { sharingSince: Date.now() });
};
