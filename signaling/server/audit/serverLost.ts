import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/schema';
import type { SessionStore } from '../store/sessionStore';
import type { AuditLog } from './auditLog';

const LOOK_BACK_MS = 7 * 86_400_000;

/**
 * A server killed mid-share cannot write "ended". At start, every session of the last week that
 * the trail shows as begun but never ended, and that no node holds any more, is closed on the
 * record as "server lost".
 */
export async function closeLostSessions(db: Kysely<Tables>, store: SessionStore, audit: AuditLog): Promise<number> {
  const open = await db
    .selectFrom('audit_events as e')
    .select(['e.session_id', 'e.agent', 'e.conversation_id'])
    .distinct()
    .where('e.type', '=', 'key.issued')
    .where('e.at', '>', new Date(Date.now() - LOOK_BACK_MS))
    .where('e.session_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('audit_events as x').select(sql`1`.as('one')).whereRef('x.session_id', '=', 'e.session_id').where('x.type', '=', 'share.ended'))),
    )
    .execute();
  let closed = 0;
  for (const { session_id: sessionId, agent, conversation_id: conversationId } of open) {
    if (!sessionId || (await store.getSession(sessionId))) continue;
    await audit.append({ type: 'share.ended', sessionId, conversationId: conversationId ?? undefined, agent: agent ?? undefined, actor: 'server', details: { by: 'server', reason: 'server-lost' } });
    closed++;
  }
  return closed;
}
