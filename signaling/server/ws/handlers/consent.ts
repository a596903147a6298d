import type { CustomerMessageOf } from '../../../protocol';
import { endSession } from '../../sessions/endSession';
import { sendError, type Handler } from './context';
import { ownedSession } from './ownedSession';

export const consent: Handler<CustomerMessageOf<'consent'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  if (message.decision === 'decline') return endSession(ctx, session.id, 'customer', 'declined');
  if (session.phase !== 'key-entered') return sendError(connection, 'not-allowed', 'Consent was already given.');
  await ctx.store.updateSession(session.id, { phase: 'choosing-screen' });
  ctx.router.deliver(session.agentConnectionId, { type: 'session.update', sessionId: session.id, phase: 'choosing-screen' });
};
