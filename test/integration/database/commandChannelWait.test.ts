import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { ChannelAddress } from '../../../signaling/server/db/commandChannelAddress';
import { DatabaseError, openDatabase, type Database } from '../../../signaling/server/db/openDatabase';

/**
 * A command (`npm run agents …`) started while the server is still starting: the server holds the
 * PGlite folder but has not opened its command channel yet. The command waits for the channel;
 * if none comes, it says plainly that the server is starting.
 */
describe('a command while the server is starting (PGlite command channel)', function () {
  this.timeout(120_000);
  let dir: string;
  /** Stands in for the starting server: a live process that holds the folder's lock. */
  let starting: ChildProcess;
  const opened: Database[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'command-channel-wait-'));
    starting = spawn('sleep', ['600'], { stdio: 'ignore' });
    await writeFile(path.join(dir, 'screenshare.lock'), String(starting.pid));
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    starting.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('says the server is starting and to try again when no channel comes in time', async () => {
    await assert.rejects(openDatabase({ databaseUrl: undefined, databaseDir: dir }, 'command', { channelWaitMs: 300 }), (error: unknown) => {
      assert.ok(error instanceof DatabaseError);
      assert.match(error.message, new RegExp(`^The server \\(process ${starting.pid}\\) that uses the database in .* is starting; try again in a moment\\.`));
      assert.doesNotMatch(error.message, /in use/);
      return true;
    });
  });

  it('waits for the channel and then runs its queries on the server’s database', async () => {
    let settled = false;
    const command = openDatabase({ databaseUrl: undefined, databaseDir: dir }, 'command', { channelWaitMs: 60_000 }).finally(() => (settled = true));
    // The "server" opens its database and channel (in another folder), then publishes it as the starting process's.
    const serverDir = path.join(dir, 'server');
    const server = await openDatabase({ databaseUrl: undefined, databaseDir: serverDir }, 'server');
    opened.push(server);
    assert.equal(settled, false, 'the command still waits while the server starts');
    const address = JSON.parse(await readFile(path.join(serverDir, 'command-channel.json'), 'utf8')) as ChannelAddress;
    await writeFile(path.join(dir, 'command-channel.json'), JSON.stringify({ ...address, pid: starting.pid }), { mode: 0o600 });

    const database = await command;
    opened.unshift(database);
    const { rows } = await sql<{ answer: number }>`select 41 + 1 as answer`.execute(database.db);
    assert.deepEqual(rows, [{ answer: 42 }]);
  });

  it('opens the folder itself when its holder ends while the command waits', async () => {
    const command = openDatabase({ databaseUrl: undefined, databaseDir: dir }, 'command');
    starting.kill();
    const database = await command;
    opened.push(database);
    assert.equal(database.location, dir);
  });
});
