import type { ClientConnection } from './clientConnection';
import type { ConnectionRegistry } from './connectionRegistry';

/** Each interval is cut into this many slices; every connection belongs to one of them. */
const SLICES = 50;

/**
 * Pings every connection once each interval; one that has not answered the previous ping is
 * terminated, which runs the normal close handling: its member is marked away, the other side
 * sees "Reconnecting…", and the session ends only if nobody resumes within the grace period
 * (sessions/memberPresence.ts). A dead peer is noticed within two intervals (20 s by default).
 *
 * The pings are spread over the interval, one slice of the connections at a time: pinging
 * 20,000 sockets in one tick (and reading their 20,000 pongs at once) holds up every relayed
 * signal behind it for hundreds of milliseconds.
 */
export function startHeartbeat(registry: ConnectionRegistry, intervalMs: number): () => void {
  const slices = new WeakMap<ClientConnection, number>();
  let tick = 0;
  const timer = setInterval(() => {
    const current = tick++ % SLICES;
    for (const connection of registry.all()) {
      // A connection joins the slice of the tick that first sees it, so it is pinged at once and
      // then every interval; connections arriving over time spread over the slices by themselves.
      let slice = slices.get(connection);
      if (slice === undefined) slices.set(connection, (slice = current));
      if (slice !== current) continue;
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, intervalMs / SLICES);
  timer.unref();
  return () => clearInterval(timer);
}
