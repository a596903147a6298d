import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import type { Database } from '../../../signaling/server/db/openDatabase';
import { DELIVERY_DEFAULTS, WebhookDeliveryWorker, type DeliveryWorkerOptions } from '../../../signaling/server/webhooks/deliveryWorker';
import { WebhookEndpoints } from '../../../signaling/server/webhooks/webhookEndpoints';
import { enqueueWebhooks, type OutboxEvent } from '../../../signaling/server/webhooks/webhookOutbox';
import { forEachDatabase } from '../../support/databaseBackends';
import { WebhookReceiver } from '../../support/webhookReceiver';

const log = pino({ level: 'silent' });

function event(type: string, sessionId: string, n = 0): OutboxEvent {
  return { id: randomUUID(), type, at: new Date(), sessionId, conversationId: 'call-1', agent: 'alice', actor: 'customer', details: { n }, receipt: null };
}

forEachDatabase('webhooks: Standard Webhooks deliveries from the outbox', (backend) => {
  let database: Database;
  let receiver: WebhookReceiver;
  let url: string;
  const workers: WebhookDeliveryWorker[] = [];

  const worker = (options: Partial<DeliveryWorkerOptions> = {}) => {
    const w = new WebhookDeliveryWorker(database.db, { ...DELIVERY_DEFAULTS, allowPrivate: true, timeoutMs: 2_000, retryBaseMs: 20, log, ...options });
    workers.push(w);
    return w;
  };

  beforeEach(async () => {
    database = await backend.fresh();
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await receiver.close();
    await database.close();
  });

  it('signs each delivery so standardwebhooks verifies it; only subscribed events go out', async () => {
    const { secret } = await new WebhookEndpoints(database.db, true).add(url, 'share.started,share.ended');
    assert.match(secret, /^whsec_/);
    receiver.trust(secret);
    await enqueueWebhooks(database.db, [event('share.started', 's1'), event('key.issued', 's1'), event('share.ended', 's1')]);
    worker().start();
    const got = await receiver.waitFor(2);
    assert.deepEqual(got.map((r) => r.type), ['share.started', 'share.ended']);
    assert.deepEqual(receiver.rejected, []);
    assert.equal((got[0]?.body.data as { conversationId: string }).conversationId, 'call-1');
  });

  it('a receiver that was down gets every missed event afterwards, in order per session', async () => {
    const { secret } = await new WebhookEndpoints(database.db, true).add(url, 'share.started,consent.given,share.ended');
    receiver.trust(secret);
    receiver.failWith = 503;
    await enqueueWebhooks(database.db, [event('share.started', 'a'), event('share.started', 'b'), event('consent.given', 'a'), event('share.ended', 'a'), event('share.ended', 'b')]);
    const w = worker();
    w.start();
    // Wait until the first attempts failed, then bring the receiver back.
    for (;;) {
      const failed = await database.db.selectFrom('webhook_outbox').select('seq').where('last_status', '=', 503).execute();
      if (failed.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    receiver.failWith = null;
    const got = await receiver.waitFor(5);
    assert.deepEqual(got.filter((r) => r.sessionId === 'a').map((r) => r.type), ['share.started', 'consent.given', 'share.ended']);
    assert.deepEqual(got.filter((r) => r.sessionId === 'b').map((r) => r.type), ['share.started', 'share.ended']);
    await w.stop();
    const rows = await database.db.selectFrom('webhook_outbox').select(['attempts', 'delivered_at']).execute();
    assert.ok(rows.every((r) => r.delivered_at !== null));
    assert.ok(rows.some((r) => r.attempts > 1));
  });

  it('two workers (two nodes) deliver each event exactly once', async () => {
    const { secret } = await new WebhookEndpoints(database.db, true).add(url, 'share.started,share.ended');
    receiver.trust(secret);
    const events = Array.from({ length: 30 }, (_, i) => event(i % 2 ? 'share.ended' : 'share.started', `s${i % 6}`, i));
    await enqueueWebhooks(database.db, events);
    await Promise.all([worker().deliverDue(), worker().deliverDue(), worker().deliverDue()]);
    worker().start();
    worker().start();
    const got = await receiver.waitFor(30);
    // Every round under way has finished: nothing more can arrive.
    for (const w of workers) await w.stop();
    const delivered = await database.db.selectFrom('webhook_outbox').select('seq').where('delivered_at', 'is not', null).execute();
    assert.equal(delivered.length, 30);
    assert.equal(got.length, 30);
    assert.equal(new Set(got.map((r) => r.id)).size, 30);
  });

  it('a delivery cut off by a crash is sent again with the same webhook-id', async () => {
    const { secret } = await new WebhookEndpoints(database.db, true).add(url, 'share.started');
    receiver.trust(secret);
    await enqueueWebhooks(database.db, [event('share.started', 'k')]);
    receiver.hang = true;
    // A node takes the row and "dies" mid-request: its lease is left behind.
    const dying = worker({ timeoutMs: 500 });
    const firstId = await new Promise<string>((resolve) => {
      const server = (receiver as unknown as { server: http.Server }).server;
      server.once('request', (request: http.IncomingMessage) => resolve(String(request.headers['webhook-id'])));
      void dying.deliverDue();
    });
    receiver.hang = false;
    const leased = await database.db.selectFrom('webhook_outbox').select('leased_until').executeTakeFirstOrThrow();
    assert.ok(leased.leased_until);
    // After the lease runs out another node delivers the very same message.
    const later = new Date(new Date(leased.leased_until).getTime() + 1000);
    await worker({ now: () => later }).deliverDue();
    const got = await receiver.waitFor(1);
    assert.equal(got[0]?.id, firstId);
  });

  it('refuses private targets unless allowed, follows no redirects, and cuts off a slow receiver', async () => {
    await assert.rejects(new WebhookEndpoints(database.db, false).add('http://127.0.0.1:9/x', 'share.started'), /private or loopback/);
    await assert.rejects(new WebhookEndpoints(database.db, false).add('http://10.1.2.3/x', 'share.started'), /private or loopback/);
    await assert.rejects(new WebhookEndpoints(database.db, false).add('ftp://example.com/x', 'share.started'), /http/);

    const redirector = http.createServer((_q, r) => r.writeHead(302, { location: url }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const redirectUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/`;
    await new WebhookEndpoints(database.db, true).add(redirectUrl, 'share.ended');
    const { secret } = await new WebhookEndpoints(database.db, true).add(url, 'share.started');
    receiver.trust(secret);
    receiver.hang = true;
    await enqueueWebhooks(database.db, [event('share.ended', 'r'), event('share.started', 'slow')]);
    await worker({ timeoutMs: 300, retryBaseMs: 60_000 }).deliverDue();
    redirector.close();
    const rows = await database.db.selectFrom('webhook_outbox').select(['event_type', 'last_error', 'delivered_at']).orderBy('seq').execute();
    assert.match(rows[0]?.last_error ?? '', /redirect .* not followed/);
    assert.match(rows[1]?.last_error ?? '', /no answer within 300 ms/);
    assert.ok(rows.every((r) => r.delivered_at === null));
    assert.equal(receiver.received.length, 0);

    // And a private target with WEBHOOK_ALLOW_PRIVATE off is refused at delivery time too.
    await enqueueWebhooks(database.db, [event('share.started', 'p')]);
    await worker({ allowPrivate: false }).deliverDue();
    const refused = await database.db.selectFrom('webhook_outbox').select('last_error').where('ordering_key', '=', 'p').executeTakeFirstOrThrow();
    assert.match(refused.last_error ?? '', /private or loopback/);
  });
});
