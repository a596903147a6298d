import type { CustomerMessageOf, SessionPhase } from '../../../protocol';
import { movePhase } from '../../sessions/sessionPhases';
import { sendError, type Handler } from './context';
import { ownedSession } from './ownedSession';

const phaseOf: Record<CustomerMessageOf<'share.state'>['state'], SessionPhase> = {
  choosing: 'choosing-screen',
  sharing: 'sharing',
  paused: 'paused',
};

export const shareState: Handler<CustomerMessageOf<'share.state'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  if (session.phase === 'key-entered') return sendError(connection, 'not-allowed', 'Consent comes first.');
  // Only a running share can be paused.
  if (message.state === 'paused' && session.phase !== 'sharing') return sendError(connection, 'not-allowed', 'Nothing is shared yet.');
  const phase = phaseOf[message.state];
  if (phase === session.phase) return;
  if (!(await movePhase(ctx, session, phase))) return sendError(connection, 'not-allowed', 'Nothing is shared yet.');
  if (phase === 'paused' || session.phase === 'paused') {
    ctx.log.info({ sessionId: session.id, event: phase === 'paused' ? 'share.paused' : 'share.resumed' }, 'the customer paused or resumed the share');
  }
};
