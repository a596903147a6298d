import type { CustomerMessageOf } from '../../../protocol';
import { endSession } from '../../sessions/endSession';
import { movePhase } from '../../sessions/sessionPhases';
import { sendError, type Handler } from './context';
import { ownedSession } from './ownedSession';

export const consent: Handler<CustomerMessageOf<'consent'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  if (message.decision === 'decline') return endSession(ctx, session.id, 'customer', 'declined');
  if (!(await movePhase(ctx, session, 'choosing-screen'))) return sendError(connection, 'not-allowed', 'Consent was already given.');
};
