import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/schema';
import type { AuditEvent, AuditEventInput } from './auditEvent';
import { recordedAddress, type AddressPolicy } from './customerAddress';
import { eventHash } from './eventHash';

export interface AuditLogOptions {
  /** This server process (cluster/nodeIdentity.ts), stored with every event. */
  readonly nodeId: string;
  readonly addressPolicy: AddressPolicy;
  readonly now?: () => Date;
  /** Rows written with the events in their transaction (the webhook outbox), and told once they commit. */
  readonly outbox?: AuditOutbox;
}

/** Something that must commit together with the audit events: the webhook outbox. */
export interface AuditOutbox {
  /** Writes its rows for these events inside the events' transaction; returns how many. */
  enqueue(trx: Transaction<Tables>, events: readonly AuditEvent[]): Promise<number>;
  /** Called after a commit that wrote rows (or may have: AuditLog.transaction). */
  committed(): void;
}

/**
 * The audit trail: an append-only hash chain in the database. append() resolves once the event
 * is committed, so a step is acknowledged only after its record exists. Appends that arrive
 * while a write is under way go together in the next transaction (one chain lock, one commit).
 * Nodes append one after another: each transaction locks the chain head row first.
 */
export class AuditLog {
  private pending: Array<{ input: AuditEventInput; resolve: (event: AuditEvent) => void; reject: (error: unknown) => void }> = [];
  private writing: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly options: AuditLogOptions,
  ) {}

  append(input: AuditEventInput): Promise<AuditEvent> {
    return new Promise((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.writing ??= this.writeLoop();
    });
  }

  /**
   * Appends inside a transaction the caller runs, so other rows (e.g. an outbox) commit or roll
   * back together with the events. The chain head stays locked until that transaction ends.
   */
  async appendIn(trx: Transaction<Tables>, inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
    return (await this.write(trx, inputs)).events;
  }

  /** appendIn, also saying how many outbox rows were written with the events. */
  private async write(trx: Transaction<Tables>, inputs: readonly AuditEventInput[]): Promise<{ events: AuditEvent[]; queued: number }> {
    const head = await trx.selectFrom('audit_chain').select(['head_seq', 'head_hash']).where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
    let seq = head.head_seq;
    let prevHash = head.head_hash;
    const at = (this.options.now ?? (() => new Date()))();
    const events = inputs.map((input) => {
      const unhashed: Omit<AuditEvent, 'hash'> = {
        seq: ++seq,
        id: randomUUID(),
        at,
        type: input.type,
        sessionId: input.sessionId ?? null,
        conversationId: input.conversationId ?? null,
        agent: input.agent ?? null,
        actor: input.actor,
        customerAddress: recordedAddress(input.address, this.options.addressPolicy),
        userAgent: input.userAgent?.slice(0, 512) ?? null,
        node: this.options.nodeId,
        details: { ...input.details },
        receipt: input.receipt ?? null,
        prevHash,
      };
      const event: AuditEvent = { ...unhashed, hash: eventHash(unhashed) };
      prevHash = event.hash;
      return event;
    });
    if (events.length === 0) return { events, queued: 0 };
    await trx
      .insertInto('audit_events')
      .values(
        events.map((e) => ({
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
          details: JSON.stringify(e.details),
          receipt: e.receipt,
          prev_hash: e.prevHash,
          hash: e.hash,
        })),
      )
      .execute();
    await trx.updateTable('audit_chain').set({ head_seq: seq, head_hash: prevHash }).where('id', '=', 1).execute();
    const queued = (await this.options.outbox?.enqueue(trx, events)) ?? 0;
    return { events, queued };
  }

  /**
   * Runs work (which calls appendIn) in one transaction, then tells the outbox that rows may have
   * committed: for changes recorded together with other rows (accounts).
   */
  async transaction<T>(work: (trx: Transaction<Tables>) => Promise<T>): Promise<T> {
    const result = await this.db.transaction().execute(work);
    this.options.outbox?.committed();
    return result;
  }

  /** Resolves when every append made so far is written (or failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, 500);
        try {
          const { events, queued } = await this.db.transaction().execute((trx) => this.write(trx, batch.map((item) => item.input)));
          batch.forEach((item, index) => item.resolve(events[index] as AuditEvent));
          if (queued > 0) this.options.outbox?.committed();
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }
}
