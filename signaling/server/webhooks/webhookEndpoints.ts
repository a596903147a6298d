import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import type { Kysely } from 'kysely';
import type { Tables } from '../db/schema';
import { parseWebhookEvents } from './webhookEventTypes';
import { newWebhookSecret } from './webhookSignature';
import { isPrivateAddress, parseWebhookUrl, WebhookTargetError } from './webhookTarget';

export interface WebhookEndpoint {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly createdAt: Date;
}

/** The registered receivers (`npm run webhooks -- add|list|remove`). */
export class WebhookEndpoints {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly allowPrivate: boolean,
  ) {}

  /** Registers a receiver and returns its signing secret (shown once to the operator). */
  async add(urlText: string, eventsText: string): Promise<{ id: string; secret: string }> {
    const url = parseWebhookUrl(urlText);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (!this.allowPrivate && (host === 'localhost' || (isIP(host) && isPrivateAddress(host)))) {
      throw new WebhookTargetError(`refused: ${url.hostname} is a private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to allow it`);
    }
    const events = parseWebhookEvents(eventsText);
    const id = `ep_${randomBytes(6).toString('hex')}`;
    const secret = newWebhookSecret();
    await this.db.insertInto('webhook_endpoints').values({ id, url: url.toString(), events: events.join(','), secret, disabled_at: null }).execute();
    return { id, secret };
  }

  async list(): Promise<WebhookEndpoint[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('disabled_at', 'is', null).orderBy('created_at').execute();
    return rows.map((row) => ({ id: row.id, url: row.url, events: row.events.split(','), createdAt: new Date(row.created_at) }));
  }

  /** Stops deliveries to an endpoint (its history stays for `deliveries`). */
  async remove(id: string): Promise<boolean> {
    const result = await this.db.updateTable('webhook_endpoints').set({ disabled_at: new Date() }).where('id', '=', id).where('disabled_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
