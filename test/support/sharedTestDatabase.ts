import { mkdtemp, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../signaling/server/db/openDatabase';
import { copyPGliteTemplate } from './pgliteTemplate';

let shared: Promise<Database> | undefined;

/** One PGlite for all in-process test servers of this process, removed when the process exits. */
export function sharedTestDatabase(): Promise<Database> {
  shared ??= freshPGlite().then(({ database, dir }) => {
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return database;
  });
  return shared;
}

/** A new, migrated, empty PGlite database in a temporary folder (a copy of the template: fast). */
export async function freshPGlite(): Promise<{ database: Database; dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screenshare-db-'));
  await copyPGliteTemplate(path.join(dir, 'database'));
  const database = await openDatabase({ databaseUrl: undefined, databaseDir: path.join(dir, 'database') });
  return { database, dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
