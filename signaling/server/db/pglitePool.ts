import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { EmbeddedPostgres } from './pgliteWorkerClient';

/**
 * PGlite is one PostgreSQL backend with one session, so it is lent to one user at a time: this
 * "pool" of one connection lets Kysely's own PostgreSQL driver (transactions included) run on it.
 */
export class PGlitePool implements PostgresPool {
  readonly options = {};
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly pglite: EmbeddedPostgres) {}

  async connect(): Promise<PostgresPoolClient> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    const pglite = this.pglite;
    return {
      async query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        const result = await pglite.query<R>(sql, [...parameters]);
        return { command: commandOf(sql), rowCount: result.affectedRows ?? result.rows.length, rows: result.rows };
      },
      release,
    } as PostgresPoolClient;
  }

  async end(): Promise<void> {
    await this.tail;
  }
}

const COMMANDS = ['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE', 'COMMIT', 'ROLLBACK'] as const;
type Command = (typeof COMMANDS)[number];

/** Kysely reads the statement's command to report affected rows; PGlite does not return it. */
function commandOf(sql: string): Command {
  const word = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  return COMMANDS.find((command) => command === word) ?? 'SELECT';
}
