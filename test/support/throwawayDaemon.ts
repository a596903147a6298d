import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * What the throwaway daemons of the tests (redis-server, coturn) share: whether the Debian
 * package is installed, and starting on a free loopback port.
 */

/** Why tests needing `binary` cannot run here, or undefined when it is installed. */
export function daemonMissing(binary: string, debianPackage: string): string | undefined {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return `${binary} is not installed (Debian: apt-get install -y ${debianPackage})`;
  return undefined;
}

/** A free port can be taken between asking and binding: tries a few ports before giving up. */
export async function startOnFreePort<T>(freePort: () => Promise<number>, start: (port: number) => Promise<T>): Promise<T> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
