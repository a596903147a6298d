import { sql, type Kysely } from 'kysely';
import type { Logger } from '../log';
import type { Tables, WebhookOutboxRow } from '../db/schema';
import { postWebhook, type PostOptions } from './webhookPost';
import { signWebhook } from './webhookSignature';
import { parseWebhookUrl } from './webhookTarget';

export interface DeliveryWorkerOptions extends PostOptions {
  /** First retry after this long, doubling per attempt up to maxBackoffMs. */
  readonly retryBaseMs: number;
  readonly maxBackoffMs: number;
  /** Retries go on this long after the event; then the delivery is marked failed. */
  readonly retryForMs: number;
  readonly pollMs: number;
  readonly batchSize: number;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** A lease outlasts the request's timeout by this much (the time to record the answer). */
const LEASE_MARGIN_MS = 10_000;

export const DELIVERY_DEFAULTS = {
  retryBaseMs: 5_000,
  maxBackoffMs: 60 * 60_000,
  retryForMs: 26 * 60 * 60_000,
  pollMs: 1_000,
  batchSize: 20,
} as const;

/** When attempt number `attempts` (1, 2, …) failed: the wait before the next one. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
}

/**
 * Delivers the outbox. Each round takes due rows with FOR UPDATE SKIP LOCKED and leases them, so
 * several nodes never send one message at once; a row is only due when no earlier row of the same
 * endpoint and session is still undelivered, which keeps each session's events in order. A node
 * that dies mid-delivery leaves a lease that runs out: another round sends the same message
 * (same webhook-id) again.
 */
export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly options: DeliveryWorkerOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** New rows were written: deliver now rather than at the next poll. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One round: returns how many rows it attempted. */
  async deliverDue(): Promise<number> {
    const rows = await this.claim();
    await Promise.all(rows.map((row) => this.deliver(row)));
    return rows.length;
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delayMs);
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const attempted = await this.deliverDue();
          if (attempted > 0) this.again = true;
        } while (this.again && !this.stopped);
      } catch (error) {
        this.options.log.error({ err: error }, 'webhook delivery round failed');
      }
    })().finally(() => {
      this.running = undefined;
      if (!this.stopped) this.schedule(this.options.pollMs);
    });
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async claim(): Promise<WebhookOutboxRow[]> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.options.timeoutMs + LEASE_MARGIN_MS);
    const result = await sql<WebhookOutboxRow>`
      update webhook_outbox set leased_until = ${leaseUntil}, attempts = attempts + 1
      where seq in (
        select o.seq from webhook_outbox o
        where o.delivered_at is null and o.failed_at is null and o.next_attempt_at <= ${now}
          and (o.leased_until is null or o.leased_until < ${now})
          and not exists (
            select 1 from webhook_outbox e
            where e.endpoint_id = o.endpoint_id and e.ordering_key = o.ordering_key and e.seq < o.seq
              and e.delivered_at is null and e.failed_at is null)
        order by o.seq
        limit ${this.options.batchSize}
        for update skip locked)
      returning *`.execute(this.db);
    return result.rows;
  }

  private async deliver(row: WebhookOutboxRow): Promise<void> {
    const endpoint = await this.db.selectFrom('webhook_endpoints').select(['url', 'secret', 'disabled_at']).where('id', '=', row.endpoint_id).executeTakeFirst();
    if (!endpoint || endpoint.disabled_at) {
      await this.db.updateTable('webhook_outbox').set({ failed_at: this.now(), last_error: 'endpoint removed', leased_until: null }).where('seq', '=', row.seq).execute();
      return;
    }
    const timestamp = Math.floor(this.now().getTime() / 1000);
    const headers = {
      'webhook-id': row.message_id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(endpoint.secret, row.message_id, timestamp, row.payload),
    };
    const result = await postWebhook(parseWebhookUrl(endpoint.url), headers, row.payload, this.options);
    const now = this.now();
    if (result.ok) {
      await this.db.updateTable('webhook_outbox').set({ delivered_at: now, last_status: result.status, last_error: null, leased_until: null }).where('seq', '=', row.seq).execute();
      return;
    }
    const givingUp = now.getTime() - new Date(row.created_at).getTime() >= this.options.retryForMs;
    const next = new Date(now.getTime() + backoffMs(row.attempts, this.options.retryBaseMs, this.options.maxBackoffMs));
    await this.db
      .updateTable('webhook_outbox')
      .set({ last_status: result.status, last_error: result.error, leased_until: null, next_attempt_at: next, ...(givingUp ? { failed_at: now } : {}) })
      .where('seq', '=', row.seq)
      .execute();
    this.options.log.warn({ endpoint: row.endpoint_id, webhookId: row.message_id, attempt: row.attempts, error: result.error, givingUp }, 'webhook delivery failed');
  }
}
