import { z } from 'zod';

/**
 * The agent console's history view over HTTP (/api/agent/history…): the filters it sends and the
 * pages it gets back. The server validates the query with these; the console validates the answer.
 */

/**
 * How a share session ended up, read from its events (the same words as /api/v1/sessions), and
 * how a chat did: answered (an agent took it), missed (it ended before anyone took it), open.
 */
export const SHARE_OUTCOMES = ['shared', 'declined', 'not-shared', 'expired', 'open'] as const;
export const CHAT_OUTCOMES = ['chat-answered', 'chat-missed', 'chat-open'] as const;
export const HISTORY_OUTCOMES = [...SHARE_OUTCOMES, ...CHAT_OUTCOMES] as const;
export const HistoryOutcome = z.enum(HISTORY_OUTCOMES);
export type HistoryOutcome = z.infer<typeof HistoryOutcome>;

export const HISTORY_PAGE_SIZE = 50;

const username = z.string().regex(/^[a-z0-9._-]{1,64}$/i);
const isoTime = z.iso.datetime({ offset: true });

export const HistoryQuery = z.object({
  /** Supervisors only; an agent's own history needs none (another agent's name is refused). */
  agent: username.optional(),
  from: isoTime.optional(),
  to: isoTime.optional(),
  outcome: HistoryOutcome.optional(),
  /** A consent receipt id (7F3K-Q2LM), a session id or a chat's conversation id. */
  find: z.string().trim().min(1).max(64).optional(),
  /** nextCursor of the previous page. */
  cursor: z.string().regex(/^\d{1,18}$/).optional(),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryRole = z.enum(['agent', 'supervisor']);
export type HistoryRole = z.infer<typeof HistoryRole>;

export const HistoryRow = z.object({
  /** A screen share session, or a chat (with or without a share: its share is a row of its own). */
  kind: z.enum(['share', 'chat']),
  /** The session's id; for a chat, the conversation's id (its timeline is read with it alike). */
  sessionId: z.string(),
  startedAt: isoTime,
  agent: z.string().nullable(),
  /** The CRM's id of the call or chat when there was one (a chat: the name the customer gave), else the customer's recorded address. */
  customer: z.string().nullable(),
  /** How long the customer's screen was shared, in seconds; null when it never was. */
  sharedSeconds: z.number().nullable(),
  outcome: HistoryOutcome,
  receipt: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof HistoryRow>;

export const HistoryPage = z.object({
  viewer: z.object({ username: z.string(), role: HistoryRole }),
  rows: z.array(HistoryRow),
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const TimelineEvent = z.object({
  seq: z.number(),
  at: isoTime,
  type: z.string(),
  actor: z.string().nullable(),
  agent: z.string().nullable(),
  customerAddress: z.string().nullable(),
  receipt: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const SessionTimeline = z.object({ sessionId: z.string(), events: z.array(TimelineEvent) });
export type SessionTimeline = z.infer<typeof SessionTimeline>;
