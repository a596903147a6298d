import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { AuditLog } from '../../../signaling/server/audit/auditLog';
import { verifyChain } from '../../../signaling/server/audit/chainVerifier';
import { purgeOlderThan } from '../../../signaling/server/audit/retention';
import type { Database } from '../../../signaling/server/db/openDatabase';
import { forEachDatabase } from '../../support/databaseBackends';

forEachDatabase('audit hash chain', (backend) => {
  let database: Database;
  beforeEach(async () => {
    database = await backend.fresh();
  });
  afterEach(async () => {
    await database?.close();
  });

  const appendMany = (log: AuditLog, count: number, sessionId: string) =>
    Promise.all(Array.from({ length: count }, (_, i) => log.append({ type: 'key.issued', actor: 'agent', agent: 'jane', sessionId, details: { i } })));

  it('two nodes appending at once write one whole chain', async () => {
    const nodeA = new AuditLog(database.db, { nodeId: 'node-a', addressPolicy: 'truncated' });
    const nodeB = new AuditLog(database.db, { nodeId: 'node-b', addressPolicy: 'truncated' });
    await Promise.all([appendMany(nodeA, 40, 's-a'), appendMany(nodeB, 40, 's-b')]);
    const check = await verifyChain(database.db, 7);
    assert.deepEqual(check, { whole: true, checked: 80, headSeq: 80 });
    const nodes = await database.db.selectFrom('audit_events').select('node').distinct().execute();
    assert.equal(nodes.length, 2);
  });

  it('a node builds on the head another node moved since its last write', async () => {
    const nodeA = new AuditLog(database.db, { nodeId: 'node-a', addressPolicy: 'truncated' });
    const nodeB = new AuditLog(database.db, { nodeId: 'node-b', addressPolicy: 'truncated' });
    for (let round = 0; round < 3; round++) {
      await nodeA.append({ type: 'key.issued', actor: 'agent', agent: 'jane', sessionId: `a${round}` });
      await nodeB.append({ type: 'key.issued', actor: 'agent', agent: 'john', sessionId: `b${round}` });
    }
    const events = await database.db.selectFrom('audit_events').select(['seq', 'node']).orderBy('seq').execute();
    assert.deepEqual(
      events.map((e) => `${e.seq}:${e.node}`),
      ['1:node-a', '2:node-b', '3:node-a', '4:node-b', '5:node-a', '6:node-b'],
    );
    assert.deepEqual(await verifyChain(database.db), { whole: true, checked: 6, headSeq: 6 });
  });

  it('an account change recorded in its own transaction between appends keeps one chain', async () => {
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'truncated' });
    await appendMany(log, 3, 's');
    await log.transaction((trx) => log.appendIn(trx, [{ type: 'account.disabled', agent: 'jane', actor: 'operator' }]));
    const other = new AuditLog(database.db, { nodeId: 'cli', addressPolicy: 'truncated' });
    await other.transaction((trx) => other.appendIn(trx, [{ type: 'account.enabled', agent: 'jane', actor: 'operator' }]));
    await appendMany(log, 3, 's');
    assert.deepEqual(await verifyChain(database.db), { whole: true, checked: 8, headSeq: 8 });
  });

  it('a write that fails (a receipt already used) records nothing of its group, and the next appends go on', async () => {
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'truncated' });
    await log.append({ type: 'consent.given', actor: 'customer', sessionId: 's1', receipt: 'AAAA-BBBB' });
    await assert.rejects(log.append({ type: 'consent.given', actor: 'customer', sessionId: 's2', receipt: 'AAAA-BBBB' }));
    await log.append({ type: 'share.started', actor: 'customer', sessionId: 's1' });
    const events = await database.db.selectFrom('audit_events').select(['seq', 'type', 'session_id']).orderBy('seq').execute();
    assert.deepEqual(
      events.map((e) => `${e.seq}:${e.type}:${e.session_id}`),
      ['1:consent.given:s1', '2:share.started:s1'],
    );
    assert.deepEqual(await verifyChain(database.db), { whole: true, checked: 2, headSeq: 2 });
  });

  it('keeps only the truncated customer address by default', async () => {
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'truncated' });
    const event = await log.append({ type: 'key.claim-failed', actor: 'customer', address: '203.0.113.77', details: { reason: 'unknown-key' } });
    assert.equal(event.customerAddress, '203.0.113.0');
  });

  it('names the first broken link when a row is edited by hand', async () => {
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'full' });
    await appendMany(log, 10, 's');
    await sql`update audit_events set agent = 'mallory' where seq = 4`.execute(database.db);
    const check = await verifyChain(database.db);
    assert.equal(check.whole, false);
    assert.ok(!check.whole && check.brokenAt === 4 && /#4 .* was changed/.test(check.problem), JSON.stringify(check));
  });

  it('names the gap when a row is deleted by hand, and a deleted last row too', async () => {
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'full' });
    await appendMany(log, 10, 's');
    await sql`delete from audit_events where seq = 10`.execute(database.db);
    const tail = await verifyChain(database.db);
    assert.ok(!tail.whole && tail.brokenAt === 10, JSON.stringify(tail));
    await sql`delete from audit_events where seq = 6`.execute(database.db);
    const middle = await verifyChain(database.db);
    assert.ok(!middle.whole && middle.brokenAt === 6 && /#6 is missing/.test(middle.problem), JSON.stringify(middle));
  });

  it('a retention purge leaves a checkpoint the rest still verifies from', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const log = new AuditLog(database.db, { nodeId: 'n', addressPolicy: 'full', now: () => now });
    await appendMany(log, 5, 'old');
    now = new Date('2026-06-01T00:00:00Z');
    await appendMany(log, 3, 'new');
    assert.equal(await purgeOlderThan(database.db, new Date('2026-03-01T00:00:00Z')), 5);
    assert.deepEqual(await verifyChain(database.db), { whole: true, checked: 3, headSeq: 8 });
    await log.append({ type: 'key.issued', actor: 'agent' });
    assert.deepEqual(await verifyChain(database.db), { whole: true, checked: 4, headSeq: 9 });
  });
});
