import type { ConnectionRegistry } from './connectionRegistry';

/**
 * Pings every connection each interval; one that has not answered the previous ping is
 * terminated, which runs the normal close handling and tells the other side. A dead peer is
 * therefore noticed within two intervals (20 s with the default of 10 s).
 */
export function startHeartbeat(registry: ConnectionRegistry, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const connection of registry.all()) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
