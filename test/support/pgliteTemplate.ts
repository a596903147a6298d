import { createHash } from 'node:crypto';
import { cp, mkdtemp, rename, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../signaling/server/db/openDatabase';
import { migrations } from '../../signaling/server/db/migrations';

/**
 * Creating a PGlite database runs initdb in WebAssembly (seconds on a busy machine); reopening one
 * takes about a second. Servers the tests start get a copy of one database made once per machine
 * (per PGlite version and migration list), so each start only pays for the reopen.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const packageFile = path.join(root, 'node_modules/@electric-sql/pglite/package.json');
const version = (JSON.parse(readFileSync(packageFile, 'utf8')) as { version: string }).version;
// Named by the migrations themselves: branches that each add a different one do not share a template.
const migrationNames = createHash('sha256').update(Object.keys(migrations).join(',')).digest('hex').slice(0, 12);
const templateDir = path.join(tmpdir(), `screenshare-pglite-template-${version}-${migrationNames}`);

export async function copyPGliteTemplate(target: string): Promise<void> {
  if (!existsSync(templateDir)) {
    const building = await mkdtemp(`${templateDir}-building-`);
    const database = await openDatabase({ databaseUrl: undefined, databaseDir: building });
    await database.close();
    // Another process may have won the race: its template is as good as ours.
    await rename(building, templateDir).catch(() => rm(building, { recursive: true, force: true }));
  }
  await cp(templateDir, target, { recursive: true });
}
