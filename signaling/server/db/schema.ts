import type { ColumnType, Insertable, Selectable, Updateable } from 'kysely';

/**
 * The tables, as Kysely sees them. One schema for PGlite and PostgreSQL; changes only through a
 * new file in migrations/ (listed in migrations/index.ts). int8 columns come back as numbers on
 * both (see openDatabase.ts).
 */
export interface Tables {
  agents: AgentsTable;
  audit_events: AuditEventsTable;
  audit_chain: AuditChainTable;
  api_tokens: ApiTokensTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_outbox: WebhookOutboxTable;
  agent_identities: AgentIdentitiesTable;
}

export type AgentRole = 'agent' | 'supervisor';

export interface AgentsTable {
  /** Lower-cased username: the key sign-in looks up. */
  username_key: string;
  /** As typed when the account was made. */
  username: string;
  display_name: string;
  /** Null for an account made by signing in through the identity provider (agent_identities). */
  password_hash: string | null;
  role: AgentRole;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, Date | undefined, never>;
  /** Bumped by every change that must end the account's sign-ins (password, disable); a role applies to live sign-ins as it is. */
  revision: ColumnType<number, number | undefined, number>;
}

export interface AuditEventsTable {
  /** Position in the hash chain: 1, 2, 3, … with no gaps (a gap is a deleted row). */
  seq: number;
  id: string;
  at: ColumnType<Date, Date, never>;
  type: string;
  session_id: string | null;
  conversation_id: string | null;
  agent: string | null;
  actor: string | null;
  customer_address: string | null;
  user_agent: string | null;
  node: string;
  /** Event-specific fields (reason, duration, resolution, receipt sentence, …). */
  details: ColumnType<Record<string, unknown>, string, never>;
  receipt: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * One row (id 1): the chain's head, which every append moves (audit/chainAppend.ts: only from the
 * head it built on, so nodes append one after another), and the checkpoint a retention purge leaves behind.
 */
export interface AuditChainTable {
  id: number;
  head_seq: number;
  head_hash: string;
  /** Every event up to this position was purged; its hash is purged_hash. 0 = nothing purged. */
  purged_seq: number;
  purged_hash: string;
  purged_at: Date | null;
}

export type AgentRow = Selectable<AgentsTable>;
export type NewAgentRow = Insertable<AgentsTable>;
export type AgentRowUpdate = Updateable<AgentsTable>;
export type AuditEventRow = Selectable<AuditEventsTable>;

export interface ApiTokensTable {
  /** Public id (tok_…), also the token's prefix, shown by `npm run tokens -- list`. */
  id: string;
  name: string;
  /** SHA-256 of the whole token (tokens are long random strings, so a fast hash is enough). */
  token_hash: string;
  /** Comma-separated scopes, e.g. "sessions:write,audit:read". */
  scopes: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface WebhookEndpointsTable {
  id: string;
  url: string;
  /** Comma-separated event types it receives. */
  events: string;
  /** whsec_<base64>: the Standard Webhooks signing secret (needed in the clear to sign). */
  secret: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  disabled_at: Date | null;
}

export interface WebhookOutboxTable {
  /** Delivery order within one ordering key. */
  seq: ColumnType<number, never, never>;
  /** The webhook-id header: the same on every attempt, so receivers can drop repeats. */
  message_id: string;
  endpoint_id: string;
  event_type: string;
  /** Events with the same key (session, else conversation) reach an endpoint in order. */
  ordering_key: string;
  /** The JSON body, fixed when the event happened. */
  payload: string;
  created_at: Date;
  next_attempt_at: Date;
  /** A worker that took the row delivers it until then; after that (crash) another may. */
  leased_until: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  /** Given up (after the retry period): later events of its key go on. */
  failed_at: Date | null;
}

export type ApiTokenRow = Selectable<ApiTokensTable>;
export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookOutboxRow = Selectable<WebhookOutboxTable>;
/** An outbox row as an audit event makes it (the delivery columns keep their defaults). */
export type NewWebhookOutboxRow = Pick<Insertable<WebhookOutboxTable>, 'message_id' | 'endpoint_id' | 'event_type' | 'ordering_key' | 'payload' | 'created_at' | 'next_attempt_at'>;

/** Links an account to the identity provider's person (issuer + subject) that signs in as it. */
export interface AgentIdentitiesTable {
  issuer: string;
  subject: string;
  username_key: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_sign_in_at: ColumnType<Date, Date | undefined, Date>;
}
