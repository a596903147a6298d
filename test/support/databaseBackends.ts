import { IN_MEMORY, openDatabase, type Database } from '../../signaling/server/db/openDatabase';
import { freshPGlite } from './sharedTestDatabase';
import { createDatabase, postgresServerMissing, startPostgresServer, type PostgresServer } from './postgresServer';

/**
 * Runs a describe block once per database the server supports: the embedded PGlite (in memory)
 * and a real PostgreSQL started for the block. `fresh()` opens a new, migrated, empty database.
 */
export function forEachDatabase(title: string, body: (backend: DatabaseBackend) => void): void {
  describe(`${title} (PGlite)`, function () {
    this.timeout(60_000);
    body({
      kind: 'pglite',
      fresh: async () => {
        const { database, remove } = await freshPGlite();
        return { ...database, close: () => database.close().finally(remove) };
      },
    });
  });
  describe(`${title} (PostgreSQL)`, function () {
    this.timeout(60_000);
    const postgres = usePostgresServer();
    body({
      kind: 'postgres',
      fresh: async () => openDatabase({ databaseUrl: await postgres.freshDatabaseUrl(), databaseDir: IN_MEMORY }),
    });
  });
}

export interface DatabaseBackend {
  readonly kind: Database['kind'];
  fresh(): Promise<Database>;
}

/** One PostgreSQL server for the enclosing describe block (skipped, saying why, when not installed). */
export function usePostgresServer(): { readonly server: PostgresServer; freshDatabaseUrl(): Promise<string> } {
  let server: PostgresServer | undefined;
  before(async function () {
    const missing = postgresServerMissing();
    if (missing) {
      console.log(`      skipped: ${missing}`);
      this.skip();
    }
    this.timeout(60_000);
    server = await startPostgresServer();
  });
  after(async () => {
    await server?.stop();
  });
  const running = () => {
    if (!server) throw new Error('PostgreSQL is not running');
    return server;
  };
  return {
    get server() {
      return running();
    },
    freshDatabaseUrl: () => createDatabase(running().url),
  };
}
