import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { supervise } from './supervisedChild';
import { copyPGliteTemplate } from './pgliteTemplate';

/**
 * The built signaling server (dist/server/main.js) as a child process on port 0, as an operator
 * would start it. A child keeps the test runner's own process free of server state and logs, and
 * proves the real start-up path (config from the environment, printed URLs).
 */
export interface RunningServer {
  /** e.g. http://127.0.0.1:41234 (no trailing slash) */
  readonly url: string;
  readonly customerUrl: string;
  readonly agentUrl: string;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
  /** Kills the process at once (SIGKILL): sockets drop without any goodbye. stop() still cleans up. */
  crash(): Promise<void>;
}

export const DEMO_AGENT = { username: 'alice', password: 'secret' } as const;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** DIST_DIR: where `npm run build` put the server when it was told to build elsewhere than dist/. */
export const serverEntry = path.join(path.resolve(root, process.env.DIST_DIR ?? 'dist'), 'server/main.js');

/** Generous: on a loaded shared machine a fresh server (embedded database included) took 60 s to start. */
export async function startServer(env: Record<string, string> = {}, startTimeoutMs = 90_000): Promise<RunningServer> {
  if (!existsSync(serverEntry)) {
    throw new Error(`${path.relative(root, serverEntry)} is missing: run "npm run build" first`);
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'screenshare-e2e-'));
  const databaseDir = path.join(dataDir, 'database');
  if (!env.DATABASE_URL && !env.DATABASE_DIR) await copyPGliteTemplate(databaseDir);
  const child = spawn(process.execPath, [serverEntry], {
    cwd: root,
    // Only what Node needs from the outside: a developer's own PORT, PUBLIC_URL, REDIS_URL, ...
    // must not leak into a test's server.
    env: {
      ...pick(process.env, ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']),
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_AGENT: `${DEMO_AGENT.username}:${DEMO_AGENT.password}`,
      AGENTS_FILE: path.join(dataDir, 'agents.json'),
      DATABASE_DIR: databaseDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      // One demo agent for every spec of a run: the per-account limits would add up across specs.
      MAX_SESSIONS_PER_AGENT: '1000',
      KEYS_PER_AGENT_PER_MINUTE: '1000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const supervised = supervise(child, dataDir);
  const output = () => supervised.output();
  const stop = () => supervised.stop();
  const crash = () => supervised.crash();

  try {
    const customerUrl = await waitForLine(child, output, /Customer page:\s+(\S+)/, startTimeoutMs);
    const agentUrl = await waitForLine(child, output, /Agent console:\s+(\S+)/, startTimeoutMs);
    const url = new URL(customerUrl).origin;
    return { url, customerUrl, agentUrl, output, stop, crash };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForLine(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(output());
      if (match?.[1]) {
        done();
        resolve(match[1]);
      }
    };
    const fail = (why: string) => {
      done();
      reject(new Error(`signaling server ${why}. Its output:\n${output()}`));
    };
    const onExit = (code: number | null) => fail(`exited with code ${code} before printing its URLs`);
    const timer = setTimeout(() => fail(`printed no URLs within ${timeoutMs} ms`), timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}
