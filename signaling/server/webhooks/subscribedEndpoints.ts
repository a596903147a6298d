import type { Kysely, Transaction } from 'kysely';
import type { Tables } from '../db/schema';

/** An enabled endpoint and the event types it gets. */
export interface SubscribedEndpoint {
  readonly id: string;
  readonly events: ReadonlySet<string>;
}

type Reader = Transaction<Tables> | Kysely<Tables>;

export async function readSubscribedEndpoints(db: Reader): Promise<SubscribedEndpoint[]> {
  const rows = await db.selectFrom('webhook_endpoints').select(['id', 'events']).where('disabled_at', 'is', null).execute();
  return rows.map((row) => ({ id: row.id, events: new Set(row.events.split(',')) }));
}

/** How long this node uses the endpoints it read before reading them again (docs/webhooks.md). */
export const SUBSCRIBED_ENDPOINTS_MAX_AGE_MS = 1_000;

/**
 * The endpoints as this node last read them, so that recording an audit event does not query
 * `webhook_endpoints` in every transaction. `npm run webhooks` changes them from another process:
 * a change reaches the running nodes within maxAgeMs.
 */
export class SubscribedEndpoints {
  private cached: { readonly at: number; readonly endpoints: Promise<SubscribedEndpoint[]> } | undefined;

  constructor(
    private readonly maxAgeMs = SUBSCRIBED_ENDPOINTS_MAX_AGE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  current(db: Reader): Promise<readonly SubscribedEndpoint[]> {
    const now = this.now();
    if (!this.cached || now - this.cached.at >= this.maxAgeMs) {
      const endpoints = readSubscribedEndpoints(db);
      this.cached = { at: now, endpoints };
      // A failed read (its transaction rolled back) is not kept: the next event reads again.
      endpoints.catch(() => {
        if (this.cached?.endpoints === endpoints) this.cached = undefined;
      });
    }
    return this.cached.endpoints;
  }
}
