import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config';
import { waitForCommandChannel } from './commandChannelClient';
import { openCommandChannel } from './commandChannelServer';
import { migrations } from './migrations';
import { PGlitePool } from './pglitePool';
import { PGliteWorker } from './pgliteWorkerClient';
import type { Tables } from './schema';
import { errorMessage } from '../platform/errorMessage';
import { INT8_TYPE_ID } from './int8';

/**
 * The system of record: agent accounts and the audit trail. PostgreSQL when DATABASE_URL is set
 * (required with several nodes), else PGlite (PostgreSQL in WebAssembly) in DATABASE_DIR. Both
 * speak the same SQL through one Kysely query layer; migrations run on open.
 */
export interface Database {
  readonly db: Kysely<Tables>;
  readonly kind: 'pglite' | 'postgres';
  /** For messages: the folder, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export class DatabaseError extends Error {}

/** DATABASE_DIR=memory: a throwaway database that lives as long as the process (tests, demos). */
export const IN_MEMORY = 'memory';

/**
 * Who opens the database. The server opens the command channel on its PGlite folder; a command
 * (`npm run agents|audit|tokens|webhooks`) uses that channel when a server has the folder open.
 */
export type DatabaseUser = 'server' | 'command';

export interface OpenOptions {
  /** How long a command waits for a starting server's command channel (tests shorten it). */
  channelWaitMs?: number;
}

export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseDir'>,
  user: DatabaseUser = 'command',
  options: OpenOptions = {},
): Promise<Database> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPGlite(config.databaseDir, user, options);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw new DatabaseError(`The database at ${database.location} could not be migrated: ${errorMessage(error)}`);
  }
  return database;
}

async function openPGlite(dir: string, user: DatabaseUser, options: OpenOptions): Promise<Database> {
  const lock = dir === IN_MEMORY ? { unlock: async () => {} } : await lockDirectory(dir);
  if ('owner' in lock) {
    // Its owner ended while we waited for its channel: the folder is free again.
    return (await besideRunningServer(dir, lock.owner, user, options)) ?? openPGlite(dir, user, options);
  }
  const { unlock } = lock;
  let pglite: PGliteWorker;
  try {
    pglite = await PGliteWorker.start(dir === IN_MEMORY ? 'memory://' : dir);
  } catch (error) {
    await unlock();
    throw error;
  }
  const pool = new PGlitePool(pglite);
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const channel = user === 'server' && dir !== IN_MEMORY ? await openCommandChannel(dir, pglite, pool) : undefined;
  return {
    db,
    kind: 'pglite',
    location: dir,
    async close() {
      await channel?.close();
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}

/**
 * A command run while the server has the PGlite folder open: it works through the server's
 * command channel, waiting a little for a server that is still starting. Undefined when the
 * folder's owner went away meanwhile.
 */
async function besideRunningServer(dir: string, owner: number, user: DatabaseUser, options: OpenOptions): Promise<Database | undefined> {
  const inUse = `The database in ${dir} is in use by process ${owner} (a running server).`;
  const otherWays = 'Stop it first, or set DATABASE_URL to use PostgreSQL, which several programs can share.';
  if (user !== 'command') throw new DatabaseError(`${inUse} ${otherWays}`);
  const channel = await waitForCommandChannel(dir, owner, () => processAlive(owner), options.channelWaitMs);
  if (channel === 'gone') return undefined;
  if (channel === 'starting') {
    throw new DatabaseError(
      `The server (process ${owner}) that uses the database in ${dir} is starting; try again in a moment. ` +
        `(If process ${owner} is another command rather than a server, wait for it to finish.)`,
    );
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: channel }) });
  return { db, kind: 'pglite', location: `${dir} (through the running server, process ${owner})`, close: () => db.destroy() };
}

async function openPostgres(url: string): Promise<Database> {
  const location = redactPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: (oid: number, format) => (oid === INT8_TYPE_ID ? Number : (pg.types.getTypeParser(oid, format) as unknown)) } as pg.CustomTypesConfig,
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw new DatabaseError(`Cannot reach the database at DATABASE_URL=${location}: ${errorMessage(error)}`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', location, close: () => db.destroy() };
}

/**
 * PGlite is a database inside one process: a second process opening the same folder would
 * corrupt it. A lock file with the owner's pid keeps it to one (a stale one, whose process is
 * gone, is taken over).
 */
async function lockDirectory(dir: string): Promise<{ unlock: () => Promise<void> } | { owner: number }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dir, 'screenshare.lock');
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(await readFile(lockFile, 'utf8').catch(() => ''));
    if (owner && owner !== process.pid && processAlive(owner)) return { owner };
    await writeFile(lockFile, String(process.pid));
  }
  return { unlock: () => rm(lockFile, { force: true }) };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function migrateToLatest(db: Kysely<Tables>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
