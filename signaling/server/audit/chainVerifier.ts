import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema';
import { eventFromRow } from './eventRows';
import { eventHash } from './eventHash';

export type ChainCheck =
  | { readonly whole: true; readonly checked: number; readonly headSeq: number }
  | { readonly whole: false; readonly checked: number; readonly brokenAt: number; readonly problem: string };

/**
 * Walks the chain from the retention checkpoint to the head: every position present, each event
 * pointing at the hash of the one before, each hash matching the event's fields, and the head
 * row agreeing with the last event. The first break found is reported.
 */
export async function verifyChain(db: Kysely<Tables>, pageSize = 2000): Promise<ChainCheck> {
  const chain = await db.selectFrom('audit_chain').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let expectedSeq = chain.purged_seq + 1;
  let prevHash = chain.purged_hash;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      const event = eventFromRow(row);
      if (event.seq !== expectedSeq) {
        return broken(checked, expectedSeq, `event #${expectedSeq} is missing (deleted); the next one present is #${event.seq}`);
      }
      if (event.prevHash !== prevHash) {
        return broken(checked, event.seq, `event #${event.seq} (${event.id}) does not point at the hash of event #${event.seq - 1}`);
      }
      if (eventHash(event) !== event.hash) {
        return broken(checked, event.seq, `event #${event.seq} (${event.id}, ${event.type}) was changed after it was written`);
      }
      prevHash = event.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length < pageSize) break;
  }
  const lastSeq = expectedSeq - 1;
  if (chain.head_seq !== lastSeq) {
    return broken(checked, lastSeq + 1, `the chain ends at event #${lastSeq} but its head says #${chain.head_seq}: events were deleted`);
  }
  if (chain.head_hash !== prevHash) return broken(checked, lastSeq, `the head's hash does not match event #${lastSeq}`);
  return { whole: true, checked, headSeq: chain.head_seq };
}

function broken(checked: number, brokenAt: number, problem: string): ChainCheck {
  return { whole: false, checked, brokenAt, problem };
}
