import type { CustomerMessageOf, SessionPhase } from '../../../protocol';
import { sendError, type Handler } from './context';
import { ownedSession } from './ownedSession';

const phaseOf: Record<CustomerMessageOf<'share.state'>['state'], SessionPhase> = {
  choosing: 'choosing-screen',
  sharing: 'sharing',
};

export const shareState: Handler<CustomerMessageOf<'share.state'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (!session) return;
  if (session.phase === 'key-entered') return sendError(connection, 'not-allowed', 'Consent comes first.');
  const phase = phaseOf[message.state];
  if (phase === session.phase) return;
  await ctx.store.updateSession(session.id, { phase });
  ctx.router.deliver(session.agentConnectionId, { type: 'session.update', sessionId: session.id, phase });
};
