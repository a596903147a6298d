import type { Kysely } from 'kysely';
import type { HistoryRole } from '../../protocol/history';
import type { Tables } from '../db/schema';

/**
 * What the history lets this agent see: a supervisor everyone's records, an agent only their own.
 * Read from the accounts table on every request, so a role change takes effect at once; an
 * account that is not in the table (DEMO_AGENT) is an agent.
 */
export async function historyRoleOf(db: Kysely<Tables>, username: string): Promise<HistoryRole> {
  const row = await db.selectFrom('agents').select('role').where('username_key', '=', username.toLowerCase()).executeTakeFirst();
  return row?.role === 'supervisor' ? 'supervisor' : 'agent';
}
