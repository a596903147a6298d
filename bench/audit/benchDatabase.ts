import pg from 'pg';

export interface BenchDatabase {
  /** Added to the server's environment. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/**
 * The database one audit mode runs on. `BENCH_DATABASE_URL` names a PostgreSQL server on which the
 * bench may create databases: each mode then gets a fresh database there (dropped afterwards), so
 * "on" and "off" start equal. Without it, the server's embedded PGlite in its data folder.
 */
export async function benchDatabase(mode: string): Promise<BenchDatabase> {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  if (!serverUrl) return { env: {}, drop: async () => undefined };
  const name = `bench_audit_${mode}_${process.pid}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export function benchDatabaseKind(): 'PGlite' | 'PostgreSQL' {
  return process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
}

async function onServer(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
