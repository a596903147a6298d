import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { HistoryOutcome, HistoryQuery, HistoryRow, TimelineEvent } from '../../protocol/history';
import type { Tables } from '../db/schema';

/** Every share session starts with its key: that event is the session's row in the history. */
const SESSION_START = 'key.issued';
/** The events that say how a session went, read for the rows of one page. */
const OUTCOME_EVENTS = ['share.started', 'consent.given', 'consent.declined', 'share.ended', 'key.expired'] as const;

export type HistoryFilter = Omit<HistoryQuery, 'cursor'>;

type Events = ExpressionBuilder<Tables & { a: Tables['audit_events'] }, 'a'>;

/**
 * One page of share sessions, newest first. Keyset-paged on the chain position of each
 * session's first event (the cursor), so page 2,000 costs what page 1 does; the outcome filter
 * is a set of EXISTS on the session's events (index on session_id).
 */
export async function historyPage(
  db: Kysely<Tables>,
  filter: HistoryFilter,
  page: { cursor?: number | undefined; limit: number },
): Promise<{ rows: HistoryRow[]; nextCursor: number | null }> {
  let q = db
    .selectFrom('audit_events as a')
    .select(['a.seq', 'a.session_id', 'a.at', 'a.agent'])
    .where('a.type', '=', SESSION_START)
    .where('a.session_id', 'is not', null)
    .orderBy('a.seq', 'desc')
    .limit(page.limit + 1);
  if (page.cursor !== undefined) q = q.where('a.seq', '<', page.cursor);
  if (filter.agent) q = q.where('a.agent', '=', filter.agent);
  if (filter.from) q = q.where('a.at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('a.at', '<', new Date(filter.to));
  if (filter.find) q = q.where('a.session_id', '=', await sessionOfReceiptOr(db, filter.find));
  const outcome = filter.outcome;
  if (outcome) q = q.where((eb) => outcomeIs(eb, outcome));
  const anchors = await q.execute();
  const onPage = anchors.slice(0, page.limit);
  const facts = await sessionFacts(db, onPage.map((row) => row.session_id ?? ''));
  const rows = onPage.map((anchor): HistoryRow => {
    const sessionId = anchor.session_id ?? '';
    const known = facts.get(sessionId) ?? emptyFacts();
    return {
      sessionId,
      startedAt: new Date(anchor.at).toISOString(),
      agent: anchor.agent,
      customer: known.conversationId ?? known.customerAddress,
      sharedSeconds: known.sharingMs === null ? null : Math.round(known.sharingMs / 1000),
      outcome: outcomeOf(known.types),
      receipt: known.receipt,
    };
  });
  const last = onPage.at(-1);
  return { rows, nextCursor: anchors.length > page.limit && last ? last.seq : null };
}

/** The session a receipt id belongs to, else the text itself (a session id): one indexed lookup each. */
async function sessionOfReceiptOr(db: Kysely<Tables>, find: string): Promise<string> {
  const byReceipt = await db.selectFrom('audit_events').select('session_id').where('receipt', '=', find.toUpperCase()).executeTakeFirst();
  return byReceipt?.session_id ?? find;
}

/** Every event of one session, in chain order. */
export async function sessionTimeline(db: Kysely<Tables>, sessionId: string): Promise<TimelineEvent[]> {
  const rows = await db.selectFrom('audit_events').selectAll().where('session_id', '=', sessionId).orderBy('seq').limit(1000).execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    type: row.type,
    actor: row.actor,
    agent: row.agent,
    customerAddress: row.customer_address,
    receipt: row.receipt,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
  }));
}

/** The agent a session belongs to (its first event's), or undefined when there is no such session. */
export async function sessionOwner(db: Kysely<Tables>, sessionId: string): Promise<{ agent: string | null } | undefined> {
  return db.selectFrom('audit_events').select('agent').where('session_id', '=', sessionId).where('type', '=', SESSION_START).orderBy('seq').executeTakeFirst();
}

/** Precedence: a share that happened counts, else why it did not. */
export function outcomeOf(types: ReadonlySet<string>): HistoryOutcome {
  if (types.has('share.started')) return 'shared';
  if (types.has('consent.declined')) return 'declined';
  if (types.has('key.expired')) return 'expired';
  if (types.has('share.ended')) return 'not-shared';
  return 'open';
}

function outcomeIs(eb: Events, outcome: HistoryOutcome) {
  const has = (type: string) =>
    eb.exists(eb.selectFrom('audit_events as o').select(sql.lit(1).as('one')).whereRef('o.session_id', '=', 'a.session_id').where('o.type', '=', type));
  const order = ['share.started', 'consent.declined', 'key.expired', 'share.ended'] as const;
  const own: Record<Exclude<HistoryOutcome, 'open'>, (typeof order)[number]> = {
    shared: 'share.started',
    declined: 'consent.declined',
    expired: 'key.expired',
    'not-shared': 'share.ended',
  };
  // A session has this outcome when it has its event and none of those that take precedence.
  const position = outcome === 'open' ? order.length : order.indexOf(own[outcome]);
  const conditions = order.slice(0, position).map((type) => eb.not(has(type)));
  if (outcome !== 'open') conditions.push(has(own[outcome]));
  return eb.and(conditions);
}

interface SessionFacts {
  types: Set<string>;
  conversationId: string | null;
  customerAddress: string | null;
  receipt: string | null;
  sharingMs: number | null;
}

const emptyFacts = (): SessionFacts => ({ types: new Set(), conversationId: null, customerAddress: null, receipt: null, sharingMs: null });

async function sessionFacts(db: Kysely<Tables>, sessionIds: string[]): Promise<Map<string, SessionFacts>> {
  const facts = new Map<string, SessionFacts>();
  if (sessionIds.length === 0) return facts;
  const rows = await db
    .selectFrom('audit_events')
    .select(['session_id', 'type', 'conversation_id', 'customer_address', 'receipt', sql<number | null>`(details->>'sharingMs')::bigint`.as('sharing_ms')])
    .where('session_id', 'in', sessionIds)
    .where((eb) => eb.or([eb('type', 'in', OUTCOME_EVENTS), eb('conversation_id', 'is not', null)]))
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const sessionId = row.session_id ?? '';
    const known = facts.get(sessionId) ?? emptyFacts();
    facts.set(sessionId, known);
    known.types.add(row.type);
    known.conversationId ??= row.conversation_id;
    known.customerAddress ??= row.customer_address;
    known.receipt ??= row.receipt;
    if (row.type === 'share.ended' && row.sharing_ms !== null) known.sharingMs = Number(row.sharing_ms);
  }
  return facts;
}
