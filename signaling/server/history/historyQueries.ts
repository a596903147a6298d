import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { HistoryQuery, HistoryRow, SHARE_OUTCOMES, TimelineEvent } from '../../protocol/history';
import type { Tables } from '../db/schema';
import { CHAT_START, chatFacts, chatOutcomeIs, chatOutcomeOf, chatTakenBy, chatTakers, isChatOutcome } from './chatHistory';

/** Every share session starts with its key: that event is the session's row in the history. */
const SESSION_START = 'key.issued';
/** The events that say how a session went, read for the rows of one page. */
const OUTCOME_EVENTS = ['share.started', 'consent.given', 'consent.declined', 'share.ended', 'key.expired'] as const;

export type HistoryFilter = Omit<HistoryQuery, 'cursor'>;
type ShareOutcome = (typeof SHARE_OUTCOMES)[number];

type Events = ExpressionBuilder<Tables & { a: Tables['audit_events'] }, 'a'>;

/**
 * One page of share sessions and chats, newest first. Keyset-paged on the chain position of each
 * session's or chat's first event (the cursor), so page 2,000 costs what page 1 does; the outcome
 * filter is a set of EXISTS on the session's events (index on session_id) or the chat's
 * (conversation_id). A chat is an agent's once they took it (chatHistory.ts).
 */
export async function historyPage(
  db: Kysely<Tables>,
  filter: HistoryFilter,
  page: { cursor?: number | undefined; limit: number },
): Promise<{ rows: HistoryRow[]; nextCursor: number | null }> {
  const isShare = (eb: Events) => eb.and([eb('a.type', '=', SESSION_START), eb('a.session_id', 'is not', null)]);
  const isChat = (eb: Events) => eb.and([eb('a.type', '=', CHAT_START), eb('a.conversation_id', 'is not', null)]);
  let q = db
    .selectFrom('audit_events as a')
    .select(['a.seq', 'a.type', 'a.session_id', 'a.conversation_id', 'a.at', 'a.agent', 'a.customer_address', 'a.details'])
    .where((eb) => eb.or([isShare(eb), isChat(eb)]))
    .orderBy('a.seq', 'desc')
    .limit(page.limit + 1);
  if (page.cursor !== undefined) q = q.where('a.seq', '<', page.cursor);
  const agent = filter.agent;
  if (agent) q = q.where((eb) => eb.or([eb.and([isShare(eb), eb('a.agent', '=', agent)]), eb.and([isChat(eb), chatTakenBy(eb, agent)])]));
  if (filter.from) q = q.where('a.at', '>=', new Date(filter.from));
  if (filter.to) q = q.where('a.at', '<', new Date(filter.to));
  const find = filter.find;
  if (find) {
    const sessionId = await sessionOfReceiptOr(db, find);
    q = q.where((eb) => eb.or([eb.and([isShare(eb), eb('a.session_id', '=', sessionId)]), eb.and([isChat(eb), eb('a.conversation_id', '=', find)])]));
  }
  const outcome = filter.outcome;
  if (outcome) q = q.where((eb) => (isChatOutcome(outcome) ? eb.and([isChat(eb), chatOutcomeIs(eb, outcome)]) : eb.and([isShare(eb), outcomeIs(eb, outcome)])));
  const anchors = await q.execute();
  const onPage = anchors.slice(0, page.limit);
  const chatAnchors = onPage.filter((row) => row.type === CHAT_START);
  const facts = await sessionFacts(db, onPage.flatMap((row) => (row.type === CHAT_START ? [] : [row.session_id ?? ''])));
  const chats = await chatFacts(db, chatAnchors.map((row) => row.conversation_id ?? ''));
  const rows = onPage.map((anchor): HistoryRow => {
    if (anchor.type === CHAT_START) {
      const conversationId = anchor.conversation_id ?? '';
      const chat = chats.get(conversationId) ?? { types: new Set<string>(), agent: null };
      const details = detailsOf(anchor.details);
      return {
        kind: 'chat',
        sessionId: conversationId,
        startedAt: new Date(anchor.at).toISOString(),
        agent: chat.agent,
        customer: typeof details.customerName === 'string' && details.customerName ? details.customerName : anchor.customer_address,
        sharedSeconds: null,
        outcome: chatOutcomeOf(chat.types),
        receipt: null,
      };
    }
    const sessionId = anchor.session_id ?? '';
    const known = facts.get(sessionId) ?? emptyFacts();
    return {
      kind: 'share',
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

/** Every event of one session, or of one chat (by its conversation id), in chain order. */
export async function sessionTimeline(db: Kysely<Tables>, sessionId: string, of: 'share' | 'chat' = 'share'): Promise<TimelineEvent[]> {
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where(of === 'share' ? 'session_id' : 'conversation_id', '=', sessionId)
    .orderBy('seq')
    .limit(1000)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: new Date(row.at).toISOString(),
    type: row.type,
    actor: row.actor,
    agent: row.agent,
    customerAddress: row.customer_address,
    receipt: row.receipt,
    details: detailsOf(row.details),
  }));
}

function detailsOf(details: unknown): Record<string, unknown> {
  const value: unknown = typeof details === 'string' ? JSON.parse(details) : details;
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/**
 * Whose history a session or chat is in: a session its agent's (its first event's), a chat the
 * agents' who took it. Undefined when there is no such session or chat.
 */
export async function historyEntry(db: Kysely<Tables>, id: string): Promise<{ kind: 'share' | 'chat'; agents: string[] } | undefined> {
  const session = await db.selectFrom('audit_events').select('agent').where('session_id', '=', id).where('type', '=', SESSION_START).orderBy('seq').executeTakeFirst();
  if (session) return { kind: 'share', agents: session.agent ? [session.agent] : [] };
  const takers = await chatTakers(db, id);
  return takers && { kind: 'chat', agents: takers };
}

/** Precedence: a share that happened counts, else why it did not. */
export function outcomeOf(types: ReadonlySet<string>): ShareOutcome {
  if (types.has('share.started')) return 'shared';
  if (types.has('consent.declined')) return 'declined';
  if (types.has('key.expired')) return 'expired';
  if (types.has('share.ended')) return 'not-shared';
  return 'open';
}

function outcomeIs(eb: Events, outcome: ShareOutcome) {
  const has = (type: string) =>
    eb.exists(eb.selectFrom('audit_events as o').select(sql.lit(1).as('one')).whereRef('o.session_id', '=', 'a.session_id').where('o.type', '=', type));
  const order = ['share.started', 'consent.declined', 'key.expired', 'share.ended'] as const;
  const own: Record<Exclude<ShareOutcome, 'open'>, (typeof order)[number]> = {
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
