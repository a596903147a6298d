import type { AuditEventRow } from '../db/schema';
import type { AuditEvent } from './auditEvent';

/** A row of audit_events as the application sees it. */
export function eventFromRow(row: AuditEventRow): AuditEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(row.at),
    type: row.type,
    sessionId: row.session_id,
    conversationId: row.conversation_id,
    agent: row.agent,
    actor: row.actor,
    customerAddress: row.customer_address,
    userAgent: row.user_agent,
    node: row.node,
    details: typeof row.details === 'string' ? (JSON.parse(row.details) as Record<string, unknown>) : row.details,
    receipt: row.receipt,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** An event as a row of audit_events (snake_case), details as an object: for JSON and for inserts. */
export function rowFromEvent(e: AuditEvent) {
  return {
    seq: e.seq,
    id: e.id,
    at: e.at,
    type: e.type,
    session_id: e.sessionId,
    conversation_id: e.conversationId,
    agent: e.agent,
    actor: e.actor,
    customer_address: e.customerAddress,
    user_agent: e.userAgent,
    node: e.node,
    details: e.details,
    receipt: e.receipt,
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}
