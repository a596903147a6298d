import { z } from 'zod';
import { ConversationRef as BaseConversationRef } from '../../protocol';
import { SessionPhase } from '../../protocol/sessionPhase';

/**
 * The shapes of /api/v1: the server validates requests and serializes responses with these, and
 * the OpenAPI document (/api/v1/openapi.json) is generated from them.
 */
export const ConversationRef = BaseConversationRef.describe('The CRM\'s or contact center\'s id of the call, chat or ticket (letters, digits and . : @ / - _, at most 128)');

export const Agent = z.string().min(1).max(64).describe("The agent's username");

export const CreateSessionBody = z
  .object({ agent: Agent, conversationId: ConversationRef.optional() })
  .meta({ id: 'CreateSession' });

export const SessionCreated = z
  .object({
    sessionId: z.string(),
    key: z.string().describe('The one-time security key the customer types (9 digits)'),
    keyExpiresAt: z.iso.datetime(),
    consoleUrl: z.url().describe("Opens this session in the agent's console (the agent must be signed in)"),
  })
  .meta({ id: 'SessionCreated' });

export const SessionIdParams = z.object({ sessionId: z.string().min(1).max(64) });

export const SessionState = z
  .object({
    sessionId: z.string(),
    live: z.boolean().describe('Running now; false once it has ended'),
    phase: z.union([SessionPhase, z.literal('ended')]),
    agent: z.string().nullable(),
    conversationId: z.string().nullable(),
    createdAt: z.iso.datetime().nullable(),
    keyExpiresAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SessionState' });

const isoDate = z.iso.datetime({ offset: true }).describe('ISO 8601 time, e.g. 2026-12-01T09:00:00Z');
const PageQuery = {
  from: isoDate.optional().describe('At or after this time'),
  to: isoDate.optional().describe('Before this time'),
  agent: Agent.optional(),
  cursor: z.string().regex(/^\d{1,18}$/).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
};

export const SESSION_OUTCOMES = ['open', 'shared', 'declined', 'expired', 'not-shared'] as const;
export const SessionListQuery = z.object({ ...PageQuery, outcome: z.enum(SESSION_OUTCOMES).optional() });

export const SessionSummary = z
  .object({
    sessionId: z.string(),
    agent: z.string().nullable(),
    conversationId: z.string().nullable(),
    startedAt: z.iso.datetime(),
    lastEventAt: z.iso.datetime(),
    outcome: z.enum(SESSION_OUTCOMES),
  })
  .meta({ id: 'SessionSummary' });

export const SessionPage = z
  .object({ sessions: z.array(SessionSummary), nextCursor: z.string().nullable() })
  .meta({ id: 'SessionPage' });

export const EventListQuery = z.object({
  ...PageQuery,
  type: z.string().max(64).optional().describe('Only events of this type, e.g. share.ended'),
  sessionId: z.string().max(64).optional(),
  conversationId: ConversationRef.optional(),
});

export const AuditEventOut = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: z.iso.datetime(),
    type: z.string(),
    sessionId: z.string().nullable(),
    conversationId: z.string().nullable(),
    agent: z.string().nullable(),
    actor: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    receipt: z.string().nullable(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export const EventPage = z.object({ events: z.array(AuditEventOut), nextCursor: z.string().nullable() }).meta({ id: 'AuditEventPage' });

export const ReceiptParams = z.object({ receiptId: z.string().min(1).max(128) });

export const ProblemOut = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });
