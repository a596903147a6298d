import assert from 'node:assert/strict';
import type { Database } from '../../../signaling/server/db/openDatabase';
import { SubscribedEndpoints } from '../../../signaling/server/webhooks/subscribedEndpoints';
import { WebhookEndpoints } from '../../../signaling/server/webhooks/webhookEndpoints';
import { freshPGlite } from '../../support/sharedTestDatabase';

describe('webhooks: the endpoints a node reads at most once a second', function () {
  this.timeout(60_000);
  let database: Database;
  let remove: () => Promise<void>;
  let clock: number;
  const ids = async (endpoints: SubscribedEndpoints) => (await endpoints.current(database.db)).map((e) => e.id);

  beforeEach(async () => {
    ({ database, remove } = await freshPGlite());
    clock = 1_000_000;
  });
  afterEach(async () => {
    await database.close();
    await remove();
  });

  it('sees an endpoint added by the operator once a second has passed, and a removed one gone', async () => {
    const operator = new WebhookEndpoints(database.db, true);
    const first = await operator.add('http://127.0.0.1:9/a', 'share.started');
    const endpoints = new SubscribedEndpoints(1_000, () => clock);
    assert.deepEqual(await ids(endpoints), [first.id]);
    assert.deepEqual([...((await endpoints.current(database.db))[0]?.events ?? [])], ['share.started']);

    const second = await operator.add('http://127.0.0.1:9/b', 'share.ended');
    clock += 999;
    assert.deepEqual(await ids(endpoints), [first.id], 'not read again within the second');
    clock += 1;
    assert.deepEqual((await ids(endpoints)).sort(), [first.id, second.id].sort());

    await operator.remove(first.id);
    clock += 1_000;
    assert.deepEqual(await ids(endpoints), [second.id]);
  });

  it('reads again after a read that failed', async () => {
    const endpoints = new SubscribedEndpoints(1_000, () => clock);
    const failing = database.db.transaction().execute(async (trx) => {
      await trx.selectFrom('no_such_table' as 'webhook_endpoints').selectAll().execute().catch(() => undefined);
      return endpoints.current(trx);
    });
    await assert.rejects(failing, 'a read inside an aborted transaction fails');
    const added = await new WebhookEndpoints(database.db, true).add('http://127.0.0.1:9/c', 'consent.given');
    assert.deepEqual(await ids(endpoints), [added.id], 'the failed read was not kept for the second');
  });
});
