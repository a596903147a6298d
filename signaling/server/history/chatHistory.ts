import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { CHAT_OUTCOMES, type HistoryOutcome } from '../../protocol/history';
import type { Tables } from '../db/schema';

/** Every chat starts with this event: it is the chat's row in the history. */
export const CHAT_START = 'chat.started';

type ChatOutcome = (typeof CHAT_OUTCOMES)[number];
type Anchors = ExpressionBuilder<Tables & { a: Tables['audit_events'] }, 'a'>;

export function isChatOutcome(outcome: HistoryOutcome): outcome is ChatOutcome {
  return CHAT_OUTCOMES.some((chat) => chat === outcome);
}

/** Answered once an agent took it; missed when it ended before anyone did. */
export function chatOutcomeOf(types: ReadonlySet<string>): ChatOutcome {
  if (types.has('chat.taken')) return 'chat-answered';
  if (types.has('chat.ended')) return 'chat-missed';
  return 'chat-open';
}

const has = (eb: Anchors, type: string, agent?: string) => {
  let events = eb.selectFrom('audit_events as c').select(sql.lit(1).as('one')).whereRef('c.conversation_id', '=', 'a.conversation_id').where('c.type', '=', type);
  if (agent !== undefined) events = events.where('c.agent', '=', agent);
  return eb.exists(events);
};

/** A chat anchor (chat.started) whose chat has this outcome (EXISTS on its events, index on conversation_id). */
export function chatOutcomeIs(eb: Anchors, outcome: ChatOutcome) {
  switch (outcome) {
    case 'chat-answered':
      return has(eb, 'chat.taken');
    case 'chat-missed':
      return eb.and([eb.not(has(eb, 'chat.taken')), has(eb, 'chat.ended')]);
    case 'chat-open':
      return eb.and([eb.not(has(eb, 'chat.taken')), eb.not(has(eb, 'chat.ended'))]);
  }
}

/** A chat anchor that this agent took: a chat is the agent's who took it (nobody's before that). */
export function chatTakenBy(eb: Anchors, agent: string) {
  return has(eb, 'chat.taken', agent);
}

export interface ChatFacts {
  types: Set<string>;
  agent: string | null;
}

/** What the rows of one page need to know of their chats, in one query by conversation_id. */
export async function chatFacts(db: Kysely<Tables>, conversationIds: string[]): Promise<Map<string, ChatFacts>> {
  const facts = new Map<string, ChatFacts>();
  if (conversationIds.length === 0) return facts;
  const rows = await db
    .selectFrom('audit_events')
    .select(['conversation_id', 'type', 'agent'])
    .where('conversation_id', 'in', conversationIds)
    .where('type', 'in', ['chat.taken', 'chat.ended'])
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const id = row.conversation_id ?? '';
    const known = facts.get(id) ?? { types: new Set<string>(), agent: null };
    facts.set(id, known);
    known.types.add(row.type);
    if (row.type === 'chat.taken') known.agent ??= row.agent;
  }
  return facts;
}

/** The agents who took a chat (none before anyone did); undefined when there is no such chat. */
export async function chatTakers(db: Kysely<Tables>, conversationId: string): Promise<string[] | undefined> {
  const started = await db.selectFrom('audit_events').select('seq').where('conversation_id', '=', conversationId).where('type', '=', CHAT_START).executeTakeFirst();
  if (!started) return undefined;
  const taken = await db.selectFrom('audit_events').select('agent').where('conversation_id', '=', conversationId).where('type', '=', 'chat.taken').execute();
  return taken.flatMap((row) => (row.agent ? [row.agent] : []));
}
