import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../config';
import { migrations } from './migrations';
import { PGlitePool } from './pglitePool';
import type { Tables } from './schema';

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

const INT8 = 20;
/** DATABASE_DIR=memory: a throwaway database that lives as long as the process (tests, demos). */
export const IN_MEMORY = 'memory';

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'databaseDir'>): Promise<Database> {
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPGlite(config.databaseDir);
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw new DatabaseError(`The database at ${database.location} could not be migrated: ${messageOf(error)}`);
  }
  return database;
}

async function openPGlite(dir: string): Promise<Database> {
  const unlock = dir === IN_MEMORY ? async () => {} : await lockDirectory(dir);
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(dir === IN_MEMORY ? 'memory://' : dir, { parsers: { [INT8]: Number } });
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  return {
    db,
    kind: 'pglite',
    location: dir,
    async close() {
      await db.destroy();
      await pglite.close();
      await unlock();
    },
  };
}

async function openPostgres(url: string): Promise<Database> {
  const location = redactPassword(url);
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: { getTypeParser: (oid: number, format) => (oid === INT8 ? Number : (pg.types.getTypeParser(oid, format) as unknown)) } as pg.CustomTypesConfig,
  });
  // An idle connection the server drops must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  try {
    (await pool.connect()).release();
  } catch (error) {
    await pool.end();
    throw new DatabaseError(`Cannot reach the database at DATABASE_URL=${location}: ${messageOf(error)}`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'postgres', location, close: () => db.destroy() };
}

/**
 * PGlite is a database inside one process: a second process opening the same folder would
 * corrupt it. A lock file with the owner's pid keeps it to one (a stale one, whose process is
 * gone, is taken over).
 */
async function lockDirectory(dir: string): Promise<() => Promise<void>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dir, 'screenshare.lock');
  try {
    await writeFile(lockFile, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(await readFile(lockFile, 'utf8').catch(() => ''));
    if (owner && owner !== process.pid && processAlive(owner)) {
      throw new DatabaseError(
        `The database in ${dir} is in use by process ${owner} (a running server). Stop it first, or set DATABASE_URL to use PostgreSQL, which several programs can share.`,
      );
    }
    await writeFile(lockFile, String(process.pid));
  }
  return () => rm(lockFile, { force: true });
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
