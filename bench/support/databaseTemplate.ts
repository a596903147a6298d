import { rmSync } from 'node:fs';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../signaling/server/db/openDatabase';

/**
 * Every server the bench starts gets an empty, migrated PGlite database of its own. Creating one
 * (PGlite's initdb in WebAssembly, then the migrations) takes seconds, several times longer than
 * opening an existing one, and a quick run starts five. So the first is made once per run and
 * each server gets a copy of its folder: the same empty database, opened instead of created.
 */
let template: Promise<string> | undefined;

function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-database-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const database = await openDatabase({ databaseUrl: undefined, databaseDir: dir });
    await database.close();
    return dir;
  })();
  return template;
}

/** Fills `databaseDir` (which must not exist yet) with a copy of the run's empty, migrated database. */
export async function copyEmptyDatabase(databaseDir: string): Promise<void> {
  await cp(await migratedTemplate(), databaseDir, { recursive: true });
}
