import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema';

/**
 * AUDIT_RETENTION_DAYS: events older than that are deleted, oldest first, and the hash of the
 * last one deleted becomes the checkpoint the chain is verified from, so it stays verifiable.
 * Runs under the chain lock, like an append.
 */
export async function purgeOlderThan(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const chain = await trx.selectFrom('audit_chain').select(['purged_seq']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('at', '<', cutoff)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last || last.seq <= chain.purged_seq) return 0;
    const deleted = await trx.deleteFrom('audit_events').where('seq', '<=', last.seq).executeTakeFirst();
    await trx
      .updateTable('audit_chain')
      .set({ purged_seq: last.seq, purged_hash: last.hash, purged_at: new Date() })
      .where('id', '=', 1)
      .execute();
    return Number(deleted.numDeletedRows);
  });
}
