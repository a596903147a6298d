import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditOutbox } from '../audit/auditLog';
import type { NewWebhookOutboxRow, Tables } from '../db/schema';
import { readSubscribedEndpoints, SubscribedEndpoints, type SubscribedEndpoint } from './subscribedEndpoints';

/** What a webhook reports of an audit event (never an address, user agent, key or password). */
export interface OutboxEvent {
  readonly id: string;
  readonly type: string;
  readonly at: Date;
  readonly sessionId: string | null;
  readonly conversationId: string | null;
  readonly agent: string | null;
  readonly actor: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly receipt: string | null;
}

/**
 * One delivery per subscribed endpoint and event, to be written in the statement or transaction
 * that records the events: both commit or neither. The body and its webhook-id are fixed here, so
 * every attempt (also after a crash) sends the same message.
 */
export function outboxRows(events: readonly OutboxEvent[], endpoints: readonly SubscribedEndpoint[]): NewWebhookOutboxRow[] {
  if (events.length === 0 || endpoints.length === 0) return [];
  return events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpoint.events.has(event.type))
      .map((endpoint) => ({
        message_id: `msg_${randomUUID()}`,
        endpoint_id: endpoint.id,
        event_type: event.type,
        ordering_key: event.sessionId ?? event.conversationId ?? event.id,
        payload: JSON.stringify({
          type: event.type,
          timestamp: event.at.toISOString(),
          data: {
            eventId: event.id,
            sessionId: event.sessionId,
            conversationId: event.conversationId,
            agent: event.agent,
            actor: event.actor,
            receipt: event.receipt,
            details: event.details,
          },
        }),
        created_at: event.at,
        next_attempt_at: event.at,
      })),
  );
}

/** Writes the events' outbox rows (outboxRows) now, in trx; returns how many. */
export async function enqueueWebhooks(
  trx: Transaction<Tables> | Kysely<Tables>,
  events: readonly OutboxEvent[],
  endpoints?: readonly SubscribedEndpoint[],
): Promise<number> {
  if (events.length === 0) return 0;
  const rows = outboxRows(events, endpoints ?? (await readSubscribedEndpoints(trx)));
  if (rows.length > 0) await trx.insertInto('webhook_outbox').values(rows).execute();
  return rows.length;
}

/** The outbox of a command (`npm run agents`): endpoints read for each change. */
export function commandOutbox(): AuditOutbox {
  return { rowsFor: async (db, events) => outboxRows(events, await readSubscribedEndpoints(db)), committed: () => {} };
}

/** The outbox of a running node: endpoints read at most once a second, the worker woken after a commit that queued rows. */
export function webhookOutbox(worker: { wake(): void }, endpoints = new SubscribedEndpoints()): AuditOutbox {
  return {
    rowsFor: async (db, events) => outboxRows(events, await endpoints.current(db)),
    committed: () => worker.wake(),
  };
}
