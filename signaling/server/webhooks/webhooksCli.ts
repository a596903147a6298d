/**
 * Manages webhook endpoints in the configured database (DATABASE_URL, else DATABASE_DIR):
 *   npm run webhooks -- add https://crm.example.com/hook --events share.started,share.ended,consent.given,chat.ended
 *       (the endpoint's secret whsec_… alone on the last line)
 *   npm run webhooks -- list
 *   npm run webhooks -- remove <endpoint id>
 *   npm run webhooks -- deliveries [--failed] [--limit 50]
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/openDatabase';
import { runCli } from '../platform/runCli';
import { WebhookEndpoints } from './webhookEndpoints';

const USAGE = 'Usage: npm run webhooks -- add URL --events share.started,share.ended | list | remove ID | deliveries [--failed] [--limit N]';

runCli(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { events: { type: 'string' }, failed: { type: 'boolean', default: false }, limit: { type: 'string', default: '50' } },
  });
  const [command, target] = positionals;
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const endpoints = new WebhookEndpoints(database.db, config.integrations.webhookAllowPrivate);
    switch (command) {
      case 'add': {
        if (!target || !values.events) throw new Error(USAGE);
        const { id, secret } = await endpoints.add(target, values.events);
        console.log(`Added webhook endpoint ${id} for ${values.events}. Its signing secret is shown only this once:`);
        console.log(secret);
        return;
      }
      case 'list': {
        const all = await endpoints.list();
        for (const e of all) console.log(`${e.id}\t${e.url}\t${e.events.join(',')}`);
        if (all.length === 0) console.log('No webhook endpoints yet. Add one: npm run webhooks -- add URL --events share.started,share.ended');
        return;
      }
      case 'remove': {
        if (!target) throw new Error(USAGE);
        console.log((await endpoints.remove(target)) ? `Removed ${target}.` : `No endpoint ${target}.`);
        return;
      }
      case 'deliveries': {
        let query = database.db.selectFrom('webhook_outbox').selectAll().orderBy('seq', 'desc').limit(Math.max(1, Number(values.limit) || 50));
        if (values.failed) query = query.where((eb) => eb.or([eb('failed_at', 'is not', null), eb('last_error', 'is not', null)]));
        const rows = await query.execute();
        console.log('webhook-id\tendpoint\tevent\tattempts\tstate\tlast status\tlast error');
        for (const r of rows) {
          const state = r.delivered_at
            ? `delivered ${new Date(r.delivered_at).toISOString()}`
            : r.failed_at
              ? `failed ${new Date(r.failed_at).toISOString()}`
              : `next attempt ${new Date(r.next_attempt_at).toISOString()}`;
          console.log([r.message_id, r.endpoint_id, r.event_type, r.attempts, state, r.last_status ?? '-', r.last_error ?? '-'].join('\t'));
        }
        return;
      }
      default:
        throw new Error(USAGE);
    }
  } finally {
    await database.close();
  }
});
