import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { copyEmptyDatabase } from '../../../bench/support/databaseTemplate';
import { openDatabase } from '../../../signaling/server/db/openDatabase';

describe('bench: each server gets a copy of one empty, migrated database', function () {
  this.timeout(120_000);
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bench-template-test-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('gives two servers two empty databases that do not share writes', async () => {
    const [first, second] = [path.join(dir, 'first'), path.join(dir, 'second')];
    await copyEmptyDatabase(first);
    await copyEmptyDatabase(second);
    const a = await openDatabase({ databaseUrl: undefined, databaseDir: first });
    try {
      assert.deepEqual(await a.db.selectFrom('agents').selectAll().execute(), []);
      await a.db.insertInto('agents').values({ username_key: 'first', username: 'first', display_name: 'First', password_hash: null, role: 'agent' }).execute();
    } finally {
      await a.close();
    }
    const b = await openDatabase({ databaseUrl: undefined, databaseDir: second });
    try {
      assert.deepEqual(await b.db.selectFrom('agents').selectAll().execute(), []);
      assert.deepEqual(await b.db.selectFrom('audit_events').selectAll().execute(), []);
    } finally {
      await b.close();
    }
  });
});
