import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrateToLatest, type Database } from '../../../signaling/server/db/openDatabase';
import { forEachDatabase } from '../../support/databaseBackends';

/** What the server relies on from its database, on PGlite and on PostgreSQL alike. */
forEachDatabase('database contract', (backend) => {
  let database: Database;
  before(async () => {
    database = await backend.fresh();
  });
  after(async () => {
    await database?.close();
  });

  it('has run every migration, and running them again changes nothing', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(database.db);
    const names = tables.rows.map((row) => row.table_name);
    for (const table of ['agents', 'audit_chain', 'audit_events']) assert.ok(names.includes(table), `${table} in ${names.join(', ')}`);
    await migrateToLatest(database.db);
    const chain = await database.db.selectFrom('audit_chain').selectAll().execute();
    assert.equal(chain.length, 1);
  });

  it('returns bigint columns as numbers, timestamps as dates and jsonb as objects', async () => {
    const at = new Date('2026-12-01T14:02:03.456Z');
    await database.db
      .insertInto('audit_events')
      .values({
        seq: 9_007_199_254_740,
        id: 'contract-1',
        at,
        type: 'contract.test',
        node: 'n1',
        details: JSON.stringify({ b: 1, a: 'ä' }),
        session_id: null,
        conversation_id: null,
        agent: null,
        actor: null,
        customer_address: null,
        user_agent: null,
        receipt: null,
        prev_hash: 'p',
        hash: 'h',
      })
      .execute();
    const row = await database.db.selectFrom('audit_events').selectAll().where('id', '=', 'contract-1').executeTakeFirstOrThrow();
    assert.equal(row.seq, 9_007_199_254_740);
    assert.ok(row.at instanceof Date);
    assert.equal(row.at.toISOString(), at.toISOString());
    assert.deepEqual(row.details, { a: 'ä', b: 1 });
    await database.db.deleteFrom('audit_events').where('id', '=', 'contract-1').execute();
  });

  it('rolls a failed transaction back and reports affected rows', async () => {
    await assert.rejects(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('agents').values({ username_key: 'x', username: 'x', display_name: 'X', password_hash: 'h', role: 'agent' }).execute();
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal((await database.db.selectFrom('agents').selectAll().execute()).length, 0);
    await database.db.insertInto('agents').values({ username_key: 'y', username: 'Y', display_name: 'Y', password_hash: 'h', role: 'supervisor' }).execute();
    const updated = await database.db.updateTable('agents').set({ disabled: true }).where('username_key', '=', 'y').executeTakeFirst();
    assert.equal(updated.numUpdatedRows, 1n);
    const deleted = await database.db.deleteFrom('agents').where('username_key', '=', 'y').executeTakeFirst();
    assert.equal(deleted.numDeletedRows, 1n);
  });

  it('refuses a role other than agent or supervisor', async () => {
    await assert.rejects(
      sql`insert into agents (username_key, username, display_name, password_hash, role) values ('z', 'z', 'Z', 'h', 'admin')`.execute(database.db),
    );
  });

  it('serializes transactions that lock the chain head (SELECT … FOR UPDATE)', async () => {
    const bump = () =>
      database.db.transaction().execute(async (trx) => {
        const head = await trx.selectFrom('audit_chain').select('head_seq').where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
        await trx.updateTable('audit_chain').set({ head_seq: head.head_seq + 1 }).where('id', '=', 1).execute();
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    const head = await database.db.selectFrom('audit_chain').select('head_seq').executeTakeFirstOrThrow();
    assert.equal(head.head_seq, 20);
    await database.db.updateTable('audit_chain').set({ head_seq: 0 }).execute();
  });
});
