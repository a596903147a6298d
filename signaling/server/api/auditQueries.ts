import { sql, type Kysely } from 'kysely';
import type { z } from 'zod';
import type { AuditEventRow, Tables } from '../db/schema';
import type { AuditEventOut, EventListQuery, SESSION_OUTCOMES, SessionListQuery, SessionSummary } from './apiSchemas';

type Outcome = (typeof SESSION_OUTCOMES)[number];

/** Reads of the audit trail for /api/v1: pages in chain order, the cursor is the last position. */
export async function listEvents(db: Kysely<Tables>, query: z.infer<typeof EventListQuery>): Promise<{ events: z.infer<typeof AuditEventOut>[]; nextCursor: string | null }> {
  let q = db.selectFrom('audit_events').selectAll().orderBy('seq').limit(query.limit + 1);
  if (query.cursor) q = q.where('seq', '>', Number(query.cursor));
  if (query.from) q = q.where('at', '>=', new Date(query.from));
  if (query.to) q = q.where('at', '<', new Date(query.to));
  if (query.agent) q = q.where('agent', '=', query.agent);
  if (query.type) q = q.where('type', '=', query.type);
  if (query.sessionId) q = q.where('session_id', '=', query.sessionId);
  if (query.conversationId) q = q.where('conversation_id', '=', query.conversationId);
  const rows = await q.execute();
  const page = rows.slice(0, query.limit);
  return { events: page.map(eventOut), nextCursor: rows.length > query.limit ? String(page.at(-1)?.seq) : null };
}

export async function findReceipt(db: Kysely<Tables>, receipt: string): Promise<z.infer<typeof AuditEventOut> | undefined> {
  const row = await db.selectFrom('audit_events').selectAll().where('receipt', '=', receipt).executeTakeFirst();
  return row && eventOut(row);
}

interface SessionAggregate {
  session_id: string;
  first_seq: number;
  agent: string | null;
  conversation_id: string | null;
  started_at: Date;
  last_at: Date;
  types: string[];
}

/** One row per session seen in the trail, newest first; the outcome is read from its events. */
export async function listSessions(db: Kysely<Tables>, query: z.infer<typeof SessionListQuery>): Promise<{ sessions: z.infer<typeof SessionSummary>[]; nextCursor: string | null }> {
  const outcomeSql = sql<Outcome>`case
      when bool_or(type = 'share.started') then 'shared'
      when bool_or(type = 'consent.declined') then 'declined'
      when bool_or(type = 'share.ended') then 'not-shared'
      when bool_or(type = 'key.expired') then 'expired'
      else 'open' end`;
  const grouped = db
    .selectFrom('audit_events')
    .select([
      'session_id',
      sql<number>`min(seq)`.as('first_seq'),
      sql<string | null>`max(agent)`.as('agent'),
      sql<string | null>`max(conversation_id)`.as('conversation_id'),
      sql<Date>`min(at)`.as('started_at'),
      sql<Date>`max(at)`.as('last_at'),
      outcomeSql.as('outcome'),
    ])
    .where('session_id', 'is not', null)
    .groupBy('session_id');
  let q = db.selectFrom(grouped.as('s')).selectAll().orderBy('first_seq', 'desc').limit(query.limit + 1);
  if (query.cursor) q = q.where('first_seq', '<', Number(query.cursor));
  if (query.from) q = q.where('started_at', '>=', new Date(query.from));
  if (query.to) q = q.where('started_at', '<', new Date(query.to));
  if (query.agent) q = q.where('agent', '=', query.agent);
  if (query.outcome) q = q.where('outcome', '=', query.outcome);
  const rows = (await q.execute()) as Array<Omit<SessionAggregate, 'types'> & { outcome: Outcome }>;
  const page = rows.slice(0, query.limit);
  return {
    sessions: page.map((row) => ({
      sessionId: row.session_id,
      agent: row.agent,
      conversationId: row.conversation_id,
      startedAt: new Date(row.started_at).toISOString(),
      lastEventAt: new Date(row.last_at).toISOString(),
      outcome: row.outcome,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.first_seq) : null,
  };
}

/** The last recorded facts of a session that is no longer running (for GET /sessions/{id}). */
export async function endedSession(db: Kysely<Tables>, sessionId: string): Promise<{ agent: string | null; conversationId: string | null; createdAt: Date } | undefined> {
  const row = await db
    .selectFrom('audit_events')
    .select([sql<string | null>`max(agent)`.as('agent'), sql<string | null>`max(conversation_id)`.as('conversation_id'), sql<Date | null>`min(at)`.as('created_at')])
    .where('session_id', '=', sessionId)
    .executeTakeFirst();
  if (!row?.created_at) return undefined;
  return { agent: row.agent, conversationId: row.conversation_id, createdAt: new Date(row.created_at) };
}

function eventOut(row: AuditEventRow): z.infer<typeof AuditEventOut> {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(row.at).toISOString(),
    type: row.type,
    sessionId: row.session_id,
    conversationId: row.conversation_id,
    agent: row.agent,
    actor: row.actor,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
    receipt: row.receipt,
    hash: row.hash,
  };
}
