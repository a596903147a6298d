import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { supervise } from './supervisedChild';
import { daemonMissing, freeTcpPort, startOnFreePort } from './throwawayDaemon';

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
  return daemonMissing('redis-server', 'redis-server');
}

export async function startRedisServer(startTimeoutMs = 10_000): Promise<RedisServer> {
  return startOnFreePort(freeTcpPort, (port) => startOnPort(port, startTimeoutMs));
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
