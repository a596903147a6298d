import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { supervise } from './supervisedChild';

/**
 * A real, throwaway `redis-server` (Debian package `redis-server`) on a free loopback port:
 * no persistence, its own empty directory, stopped after the tests. Tests that need it call
 * `redisServerMissing()` first and skip themselves, with the reason printed, when it is absent.
 */
export interface RedisServer {
  /** e.g. redis://127.0.0.1:41234 */
  readonly url: string;
  readonly port: number;
  output(): string;
  stop(): Promise<void>;
}


/** Why Redis tests cannot run here, or undefined when redis-server is installed. */
export function redisServerMissing(): string | undefined {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return 'redis-server is not installed (Debian: apt-get install -y redis-server)';
  }
  return undefined;
}

export async function startRedisServer(startTimeoutMs = 10_000): Promise<RedisServer> {
  // A free port can be taken between asking and binding; try a few before giving up.
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnPort(await freePort(), startTimeoutMs);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function startOnPort(port: number, startTimeoutMs: number): Promise<RedisServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'screenshare-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const supervised = supervise(child, dir);
  const output = () => supervised.output();
  const stop = () => supervised.stop();

  try {
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (/Ready to accept connections/.test(output())) finish(resolve);
      };
      const onExit = (code: number | null) =>
        finish(() => reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output()}`)));
      const timer = setTimeout(
        () => finish(() => reject(new Error(`redis-server was not ready within ${startTimeoutMs} ms:\n${output()}`))),
        startTimeoutMs,
      );
      const finish = (then: () => void) => {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        child.off('exit', onExit);
        then();
      };
      child.stdout?.on('data', check);
      child.once('exit', onExit);
      check();
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, port, output, stop };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
