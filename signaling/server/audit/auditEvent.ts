/**
 * What the audit trail records. Every step of a share or chat, sign-ins and account changes.
 * Other features add their types here (e.g. share.paused / share.resumed).
 */
export const AUDIT_EVENT_TYPES = [
  'key.issued',
  'key.renewed',
  'key.expired',
  'key.claim-failed',
  'consent.given',
  'consent.declined',
  'share.started',
  'share.paused',
  'share.resumed',
  'share.ended',
  'chat.started',
  'chat.taken',
  'chat.share-requested',
  'chat.share-answered',
  'chat.ended',
  'agent.signed-in',
  'agent.signed-out',
  'agent.sign-in-failed',
  'account.added',
  'account.password-changed',
  'account.removed',
  'account.disabled',
  'account.enabled',
  'account.role-changed',
  'account.imported',
  'api.request',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

/** Who did it. */
export type AuditActor = 'agent' | 'customer' | 'server' | 'operator' | 'integration';

/** What a caller hands to AuditLog.append; id, time, node and chain position are added. */
export interface AuditEventInput {
  readonly type: AuditEventType;
  readonly sessionId?: string | undefined;
  readonly conversationId?: string | undefined;
  /** The agent's username the event concerns. */
  readonly agent?: string | undefined;
  readonly actor: AuditActor;
  /** The customer's (or signing-in agent's) address, as received: AuditLog applies AUDIT_CUSTOMER_ADDRESS. */
  readonly address?: string | undefined;
  readonly userAgent?: string | undefined;
  /** Event-specific facts: reason, duration, resolution, the consent sentence, … (never a key or password). */
  readonly details?: Readonly<Record<string, unknown>>;
  /** Consent receipts: the id the customer was shown. */
  readonly receipt?: string | undefined;
}

/** A stored event, as read back. */
export interface AuditEvent {
  readonly seq: number;
  readonly id: string;
  readonly at: Date;
  readonly type: string;
  readonly sessionId: string | null;
  readonly conversationId: string | null;
  readonly agent: string | null;
  readonly actor: string | null;
  readonly customerAddress: string | null;
  readonly userAgent: string | null;
  readonly node: string;
  readonly details: Record<string, unknown>;
  readonly receipt: string | null;
  readonly prevHash: string;
  readonly hash: string;
}
