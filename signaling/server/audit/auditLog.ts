import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { NewWebhookOutboxRow, Tables } from '../db/schema';
import { appendAfterHead, readChainHead, type ChainHead } from './chainAppend';
import type { AuditEvent, AuditEventInput } from './auditEvent';
import { recordedAddress, type AddressPolicy } from './customerAddress';
import { eventHash } from './eventHash';
import { rowFromEvent } from './eventRows';

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
  /** The rows these events make, written with the events in their statement or transaction. */
  rowsFor(db: Kysely<Tables> | Transaction<Tables>, events: readonly AuditEvent[]): Promise<NewWebhookOutboxRow[]>;
  /** Called after a commit that wrote rows (or may have: AuditLog.transaction). */
  committed(): void;
}

/** Appends in one statement that found the head moved by another writer, before taking the chain lock. */
const UNLOCKED_ATTEMPTS = 3;

/**
 * The audit trail: an append-only hash chain in the database. append() resolves once the event
 * is committed, so a step is acknowledged only after its record exists. Appends that arrive
 * while a write is under way go together in the next write: one statement, one round trip
 * (chainAppend.ts), built on the head this log last wrote or read. When another node or command
 * moved the head meanwhile, the write reads it again and builds anew; a log that keeps losing
 * that race takes the chain lock (SELECT … FOR UPDATE) for one transaction instead.
 */
export class AuditLog {
  private pending: Array<{ input: AuditEventInput; resolve: (event: AuditEvent) => void; reject: (error: unknown) => void }> = [];
  private writing: Promise<void> | undefined;
  /** The head as this log last left or read it; undefined when it must be read again. */
  private head: ChainHead | undefined;

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
   * Appends inside a transaction the caller runs, so other rows (e.g. an account change) commit
   * or roll back together with the events. The chain head stays locked until that transaction ends.
   */
  async appendIn(trx: Transaction<Tables>, inputs: readonly AuditEventInput[]): Promise<AuditEvent[]> {
    this.head = undefined;
    return (await this.writeLocked(trx, inputs)).events;
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
          const { events, queued } = await this.write(batch.map((item) => item.input));
          batch.forEach((item, index) => item.resolve(events[index] as AuditEvent));
          if (queued > 0) this.options.outbox?.committed();
        } catch (error) {
          this.head = undefined;
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      this.writing = undefined;
    }
  }

  /** One statement built on the known head; the head read again when another writer moved it. */
  private async write(inputs: readonly AuditEventInput[]): Promise<{ events: AuditEvent[]; queued: number }> {
    for (let attempt = 0; attempt < UNLOCKED_ATTEMPTS; attempt++) {
      const head = this.head ?? (await readChainHead(this.db));
      const events = this.chained(head, inputs);
      const outbox = (await this.options.outbox?.rowsFor(this.db, events)) ?? [];
      this.head = undefined;
      if (await appendAfterHead(this.db, head, events, outbox)) {
        this.head = headOf(events, head);
        return { events, queued: outbox.length };
      }
    }
    const written = await this.db.transaction().execute((trx) => this.writeLocked(trx, inputs));
    this.head = headOf(written.events, undefined);
    return written;
  }

  /** Under the chain lock, in the caller's transaction. */
  private async writeLocked(trx: Transaction<Tables>, inputs: readonly AuditEventInput[]): Promise<{ events: AuditEvent[]; queued: number }> {
    const head = await readChainHead(trx, 'lock');
    const events = this.chained(head, inputs);
    const last = events.at(-1);
    if (!last) return { events, queued: 0 };
    await trx.insertInto('audit_events').values(events.map((event) => ({ ...rowFromEvent(event), details: JSON.stringify(event.details) }))).execute();
    await trx.updateTable('audit_chain').set({ head_seq: last.seq, head_hash: last.hash }).where('id', '=', 1).execute();
    const outbox = (await this.options.outbox?.rowsFor(trx, events)) ?? [];
    if (outbox.length > 0) await trx.insertInto('webhook_outbox').values(outbox).execute();
    return { events, queued: outbox.length };
  }

  /** The inputs as events following `head`, each hashed over the one before. */
  private chained(head: ChainHead, inputs: readonly AuditEventInput[]): AuditEvent[] {
    let seq = head.seq;
    let prevHash = head.hash;
    const at = (this.options.now ?? (() => new Date()))();
    return inputs.map((input) => {
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
  }
}

function headOf(events: readonly AuditEvent[], before: ChainHead | undefined): ChainHead | undefined {
  const last = events.at(-1);
  return last ? { seq: last.seq, hash: last.hash } : before;
}
