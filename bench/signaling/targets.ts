import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { copyEmptyDatabase } from '../support/databaseTemplate';
import { serverEntry } from '../support/paths';
import { spawnWithFileLimit, stopChild, waitForOutput } from '../support/processes';

export type TargetKind = 'ours' | 'bare' | 'peerjs';

/** What a load generator needs to reach one server. */
export interface TargetAddress {
  kind: TargetKind;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Ours: the signed-in agent's cookie ("name=value"). */
  agentCookie?: string;
}

export interface RunningTarget extends TargetAddress {
  pid: number;
  /** The V8 inspector of the server process, for a CPU profile (see cpuProfile.ts). */
  inspectorUrl?: string;
  stop(): Promise<void>;
}

export const BENCH_AGENT = { username: 'bench', password: 'bench-password' } as const;

/**
 * Bench-only settings of our server: the key-attempt limits exist against guessing from one
 * address, and a load generator claims thousands of (valid) keys from 127.0.0.x in seconds; the
 * per-address socket and connection caps exist against one address holding thousands of sockets,
 * as it does here, and the per-account limits against one agent running thousands of sessions.
 * Everything else is the production default.
 */
export const OUR_BENCH_ENV = {
  KEY_ATTEMPTS_PER_IP: '1000000000',
  KEY_ATTEMPTS_GLOBAL: '1000000000',
  MAX_SOCKETS_PER_ADDRESS: '0',
  MAX_HTTP_CONNECTIONS_PER_ADDRESS: '0',
  MAX_SESSIONS_PER_AGENT: '1000000',
  KEYS_PER_AGENT_PER_MINUTE: '1000000',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'production',
} as const;

const here = path.dirname(fileURLToPath(import.meta.url));

/** Where our server listens: loopback on a port of its choice unless the slow-uplink bench says otherwise. */
export interface Listen {
  host: string;
  port: number;
}

export async function startTarget(kind: TargetKind, listen?: Listen): Promise<RunningTarget> {
  if (kind === 'ours') return startOurs(listen);
  const script = path.join(here, kind === 'bare' ? 'bareRelayServer.ts' : 'peerjsServer.ts');
  const child = spawnWithFileLimit(process.execPath, ['--inspect=127.0.0.1:0', '--import', 'tsx', script]);
  const [port, inspectorUrl] = await Promise.all([
    waitForOutput(child, /listening on port (\d+)/),
    waitForOutput(child, /Debugger listening on (ws:\S+)/),
  ]);
  drain(child);
  return { kind, url: `http://127.0.0.1:${port}`, inspectorUrl, pid: pidOf(child), stop: () => stopChild(child) };
}

async function startOurs(listen: Listen = { host: '127.0.0.1', port: 0 }): Promise<RunningTarget> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-server-'));
  await copyEmptyDatabase(path.join(dataDir, 'database'));
  const child = spawnWithFileLimit(process.execPath, ['--inspect=127.0.0.1:0', serverEntry], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(listen.port),
      HOST: listen.host,
      // Another address than loopback: the pages' origin is that address, so the server must know it.
      ...(listen.port !== 0 ? { PUBLIC_URL: `http://${listen.host}:${listen.port}` } : {}),
      DEMO_AGENT: `${BENCH_AGENT.username}:${BENCH_AGENT.password}`,
      AGENTS_FILE: path.join(dataDir, 'agents.json'),
      DATABASE_DIR: path.join(dataDir, 'database'),
      ...OUR_BENCH_ENV,
    },
  });
  const [customerPage, inspectorUrl] = await Promise.all([
    // The embedded database (PGlite) opens first: seconds on a loaded machine.
    waitForOutput(child, /Customer page:\s+(\S+)/, 120_000),
    waitForOutput(child, /Debugger listening on (ws:\S+)/),
  ]);
  const url = new URL(customerPage).origin;
  drain(child);
  const agentCookie = await signIn(url);
  return {
    kind: 'ours',
    url,
    agentCookie,
    inspectorUrl,
    pid: pidOf(child),
    async stop() {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The real agent sign-in; every agent socket of the bench carries the cookie it sets. */
export async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/agent/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(BENCH_AGENT),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!response.ok || !cookie) throw new Error(`bench agent sign-in failed: ${response.status} ${await response.text()}`);
  return cookie;
}

export function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('server process has no pid');
  return child.pid;
}

/** Keep reading the server's output so a full pipe never blocks it. */
export function drain(child: ChildProcess): void {
  child.stdout?.resume();
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-4_000);
  });
  child.once('exit', (code, signal) => {
    if (code && code !== 0 && signal !== 'SIGTERM') console.error(`server exited with ${code}: ${errors}`);
  });
}
