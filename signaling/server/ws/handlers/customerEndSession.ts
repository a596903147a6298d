import type { CustomerMessageOf, EndReason } from '../../../protocol';
import { endSession } from '../../sessions/endSession';
import type { Handler } from '../../context/handlerContext';
import { ownedSession } from './ownedSession';

const reasonOf: Record<NonNullable<CustomerMessageOf<'session.end'>['reason']>, EndReason> = {
  stopped: 'ended',
  declined: 'declined',
  'capture-failed': 'capture-failed',
};

export const customerEndSession: Handler<CustomerMessageOf<'session.end'>> = async (ctx, connection, message) => {
  const session = await ownedSession(ctx, connection, undefined);
  if (session) await endSession(ctx, session.id, 'customer', reasonOf[message.reason ?? 'stopped']);
};
