import type { ConnectionRegistry } from './connectionRegistry';

/**
 * Pings every connection each interval; one that has not answered the previous ping is
 * terminated, which runs the normal close handling: its member is marked away, the other side
 * sees "Reconnecting…", and the session ends only if nobody resumes within the grace period
 * (sessions/memberPresence.ts). A dead peer is noticed within two intervals (20 s by default).
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
