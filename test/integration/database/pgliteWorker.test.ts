import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../../signaling/server/db/openDatabase';
import { PGliteQueryError, PGliteWorker } from '../../../signaling/server/db/pgliteWorkerClient';
import { DATABASE_THREAD_NICENESS } from '../../../signaling/server/db/threadPriority';
import { copyPGliteTemplate } from '../../support/pgliteTemplate';

/** The embedded database runs in a worker thread (db/pgliteWorker.ts): what the server relies on from that thread. */
describe('PGlite in its worker thread', function () {
  // Each test starts a thread that loads PGlite's WebAssembly: seconds, tens of them on a loaded machine.
  this.timeout(90_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'screenshare-pglite-worker-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a failing query as an error with its PostgreSQL code, and keeps working', async () => {
    const worker = await PGliteWorker.start('memory://');
    try {
      await assert.rejects(worker.query('select * from no_such_table', []), (error: unknown) => {
        assert.ok(error instanceof PGliteQueryError);
        assert.match(error.message, /no_such_table/);
        assert.equal(error.code, '42P01');
        return true;
      });
      assert.deepEqual((await worker.query<{ sum: number }>('select 1 + $1::int as sum', [2])).rows, [{ sum: 3 }]);
    } finally {
      await worker.close();
    }
  });

  it('runs below the relay: its thread at a lower priority, the event loop\'s thread unchanged (Linux)', async function () {
    if (process.platform !== 'linux') this.skip();
    const niceOf = async (taskId: string) => {
      // /proc/<pid>/task/<tid>/stat: the 19th field is the nice value; the name in field 2 may contain spaces.
      const stat = await readFile(`/proc/self/task/${taskId}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const loopNice = await niceOf(String(process.pid));
    const before = new Set(await readdir('/proc/self/task'));
    const worker = await PGliteWorker.start('memory://');
    try {
      const started = (await readdir('/proc/self/task')).filter((id) => !before.has(id));
      const niceness = await Promise.all(started.map(niceOf));
      const expected = Math.min(19, loopNice + DATABASE_THREAD_NICENESS);
      assert.ok(niceness.includes(expected), `nice ${expected} expected among the new threads' ${niceness.join(', ')}`);
      assert.equal(await niceOf(String(process.pid)), loopNice);
    } finally {
      await worker.close();
    }
  });

  it('fails waiting and later queries with a clear error when the thread dies', async () => {
    const worker = await PGliteWorker.start('memory://');
    const waiting = worker.query('select pg_sleep(5)', []);
    await worker.thread.terminate();
    await assert.rejects(waiting, /embedded database \(PGlite worker\) stopped unexpectedly/);
    await assert.rejects(worker.query('select 1', []), /stopped unexpectedly/);
  });

  it('says why it cannot open a database', async () => {
    const file = path.join(dir, 'not-a-folder');
    await (await import('node:fs/promises')).writeFile(file, 'x');
    await assert.rejects(PGliteWorker.start(file), /could not be opened/);
  });

  describe('through the server database (Kysely)', function () {
    let database: Database;
    const databaseDir = () => path.join(dir, 'database');
    before(async () => {
      await copyPGliteTemplate(databaseDir());
      database = await openDatabase({ databaseUrl: undefined, databaseDir: databaseDir() });
      await sql`create table counter (n int not null)`.execute(database.db);
      await sql`insert into counter values (0)`.execute(database.db);
    });
    after(async () => {
      await database?.close();
    });

    it('runs transactions one after another, never interleaved', async () => {
      const increments = Array.from({ length: 20 }, () =>
        database.db.transaction().execute(async (trx) => {
          const { n } = await trx.selectFrom('counter' as never).select(sql<number>`n`.as('n')).executeTakeFirstOrThrow();
          await new Promise((resolve) => setImmediate(resolve));
          await sql`update counter set n = ${n + 1}`.execute(trx);
        }),
      );
      const failing = database.db.transaction().execute(async (trx) => {
        await sql`update counter set n = n + 1000`.execute(trx);
        throw new Error('rolled back');
      });
      await Promise.all(increments);
      await assert.rejects(failing, /rolled back/);
      const row = await sql<{ n: number }>`select n from counter`.execute(database.db);
      assert.deepEqual(row.rows, [{ n: 20 }]);
    });

    it('writes every query it was given before it closes, and the data is there after a reopen', async () => {
      const inserts = Array.from({ length: 30 }, (_, i) => sql`insert into counter values (${i + 100})`.execute(database.db));
      await Promise.all(inserts);
      await database.close();
      database = await openDatabase({ databaseUrl: undefined, databaseDir: databaseDir() });
      const rows = await sql<{ count: number }>`select count(*)::int as count from counter`.execute(database.db);
      assert.deepEqual(rows.rows, [{ count: 31 }]);
    });
  });
});
