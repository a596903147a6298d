import { createHash } from 'node:crypto';
import type { AuditEvent } from './auditEvent';

/** The hash before the first event (and the checkpoint of a chain nothing was purged from). */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * SHA-256 over every stored field of an event, the previous event's hash included: changing any
 * field, or removing or reordering an event, breaks the chain from there on. Canonical JSON
 * (sorted object keys) because jsonb does not keep the key order it was given.
 */
export function eventHash(event: Omit<AuditEvent, 'hash'>): string {
  const fields = [
    event.seq,
    event.id,
    event.at.toISOString(),
    event.type,
    event.sessionId,
    event.conversationId,
    event.agent,
    event.actor,
    event.customerAddress,
    event.userAgent,
    event.node,
    canonical(event.details),
    event.receipt,
    event.prevHash,
  ];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
