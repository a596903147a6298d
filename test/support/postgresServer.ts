import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { chown, mkdtemp } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { supervise } from './supervisedChild';
import { freeTcpPort, startOnFreePort } from './throwawayDaemon';

/**
 * A real, throwaway PostgreSQL (Debian package `postgresql`) on a free loopback port: its own
 * cluster in a temporary folder, no fsync, trust authentication, removed after the tests.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user (setpriv execs,
 * so the child we supervise is postgres itself). Tests call `postgresServerMissing()` first.
 */
export interface PostgresServer {
  /** e.g. postgres://postgres@127.0.0.1:41234/postgres */
  readonly url: string;
  output(): string;
  stop(): Promise<void>;
  crash(): Promise<void>;
}

function binDir(): string | undefined {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromConfig.status === 0 && existsSync(path.join(fromConfig.stdout.trim(), 'initdb'))) return fromConfig.stdout.trim();
  for (const version of ['17', '16', '15']) {
    const dir = `/usr/lib/postgresql/${version}/bin`;
    if (existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return undefined;
}

/** Why PostgreSQL tests cannot run here, or undefined when it is installed. */
export function postgresServerMissing(): string | undefined {
  return binDir() ? undefined : 'PostgreSQL is not installed (Debian: apt-get install -y postgresql)';
}

const asRoot = userInfo().uid === 0;
/** Runs a PostgreSQL program as `postgres` when we are root, else as ourselves. */
function command(program: string, args: string[]): [string, string[]] {
  const bin = path.join(binDir() ?? '', program);
  return asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', bin, ...args]] : [bin, args];
}

export async function startPostgresServer(startTimeoutMs = 30_000): Promise<PostgresServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screenshare-postgres-'));
  if (asRoot) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    await chown(dir, Number(ids.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, 'data');
  const [initProgram, initArgs] = command('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initProgram, initArgs, { encoding: 'utf8', cwd: dir });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);
  return startOnFreePort(freeTcpPort, (port) => startOnPort(dir, data, port, startTimeoutMs));
}

async function startOnPort(dir: string, data: string, port: number, startTimeoutMs: number): Promise<PostgresServer> {
  const [program, args] = command('postgres', [
    '-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir,
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100',
  ]);
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  const supervised = supervise(child, dir);
  const output = () => supervised.output();
  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/ready to accept connections/.test(output())) finish(resolve);
        else if (/could not bind|Address already in use/.test(output())) finish(() => reject(new Error(`port ${port} taken`)));
      };
      const onExit = (code: number | null) =>
        finish(() => reject(new Error(`postgres exited with code ${code} before it was ready:\n${output()}`)));
      const timer = setTimeout(
        () => finish(() => reject(new Error(`postgres was not ready within ${startTimeoutMs} ms:\n${output()}`))),
        startTimeoutMs,
      );
      const finish = (then: () => void) => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.stderr?.off('data', check);
        child.off('exit', onExit);
        then();
      };
      child.stdout?.on('data', check);
      child.stderr?.on('data', check);
      child.once('exit', onExit);
      check();
    });
  } catch (error) {
    // A failed port keeps the cluster folder for the next try: stop only the process.
    await supervised.crash();
    throw error;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    output,
    // SIGTERM is PostgreSQL's "smart" shutdown (waits for clients); SIGINT is "fast".
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
      await supervised.stop();
    },
    crash: () => supervised.crash(),
  };
}

/** A new empty database on the server; its URL. */
export async function createDatabase(serverUrl: string): Promise<string> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
