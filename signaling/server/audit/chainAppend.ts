import { sql, type Kysely, type Transaction } from 'kysely';
import type { NewWebhookOutboxRow, Tables } from '../db/schema';
import type { AuditEvent } from './auditEvent';
import { rowFromEvent } from './eventRows';

/** Where the chain ends: the last event's position and hash (0 and GENESIS_HASH when empty). */
export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

type Reader = Kysely<Tables> | Transaction<Tables>;

export async function readChainHead(db: Reader, lock: 'lock' | 'no-lock' = 'no-lock'): Promise<ChainHead> {
  const query = db.selectFrom('audit_chain').select(['head_seq', 'head_hash']).where('id', '=', 1);
  const row = await (lock === 'lock' ? query.forUpdate() : query).executeTakeFirstOrThrow();
  return { seq: row.head_seq, hash: row.head_hash };
}

/**
 * Appends events built on `head` and their webhook outbox rows in ONE statement (one round trip,
 * its own transaction): the chain head moves only if it is still `head`, and the rows are written
 * only if it moved. Resolves false, having written nothing, when another writer moved the head
 * first; the caller then builds on the new head. Two writers that raced block on the head row,
 * and the second finds it moved (PostgreSQL re-checks the condition on the row it waited for).
 */
export async function appendAfterHead(db: Kysely<Tables>, head: ChainHead, events: readonly AuditEvent[], outbox: readonly NewWebhookOutboxRow[]): Promise<boolean> {
  const last = events.at(-1);
  if (!last) return true;
  const result = await sql<{ moved: number }>`
    with moved as (
      update audit_chain set head_seq = ${last.seq}, head_hash = ${last.hash}
      where id = 1 and head_seq = ${head.seq} and head_hash = ${head.hash}
      returning id
    ), appended as (
      insert into audit_events (seq, id, at, type, session_id, conversation_id, agent, actor, customer_address, user_agent, node, details, receipt, prev_hash, hash)
      select e.seq, e.id, e.at, e.type, e.session_id, e.conversation_id, e.agent, e.actor, e.customer_address, e.user_agent, e.node, e.details, e.receipt, e.prev_hash, e.hash
      from jsonb_to_recordset(${JSON.stringify(events.map(rowFromEvent))}::jsonb) as e(
        seq bigint, id text, at timestamptz, type text, session_id text, conversation_id text, agent text, actor text,
        customer_address text, user_agent text, node text, details jsonb, receipt text, prev_hash text, hash text)
      where exists (select 1 from moved)
    ), queued as (
      insert into webhook_outbox (message_id, endpoint_id, event_type, ordering_key, payload, created_at, next_attempt_at)
      select o.message_id, o.endpoint_id, o.event_type, o.ordering_key, o.payload, o.created_at, o.next_attempt_at
      from jsonb_to_recordset(${JSON.stringify(outbox)}::jsonb) as o(
        message_id text, endpoint_id text, event_type text, ordering_key text, payload text, created_at timestamptz, next_attempt_at timestamptz)
      where exists (select 1 from moved)
    )
    select count(*)::int as moved from moved`.execute(db);
  return result.rows[0]?.moved === 1;
}
