import type { ClientConnection } from '../context/clientConnection';

/**
 * Each interval is cut into this many slices; every connection belongs to one of them. Many
 * small slices keep each tick's burst of pings (socket writes, then pong reads) short: ~40 pings
 * per 20 ms at 20,000 sockets.
 */
const SLICES = 500;

export interface Heartbeat {
  /** A new connection: pinged at the next tick, then once every interval. */
  track(connection: ClientConnection): void;
  /** A closed connection. */
  forget(connection: ClientConnection): void;
  stop(): void;
}

/**
 * Pings every connection once each interval; one that has not answered the previous ping is
 * terminated, which runs the normal close handling: its member is marked away, the other side
 * sees "Reconnecting…", and the session ends only if nobody resumes within the grace period
 * (sessions/memberPresence.ts). A dead peer is noticed within two intervals (20 s by default).
 *
 * The pings are spread over the interval, one slice of the connections at a time: pinging
 * 20,000 sockets in one tick (and reading their 20,000 pongs at once) holds up every relayed
 * signal behind it for hundreds of milliseconds. Each slice is kept as its own set, so a tick
 * touches only the connections it pings, not all of them (a scan of all 20,000 every tick cost
 * ~0.5–1 ms per tick, and made many slices expensive).
 */
export function startHeartbeat(intervalMs: number): Heartbeat {
  const slices = Array.from({ length: SLICES }, () => new Set<ClientConnection>());
  const sliceOf = new WeakMap<ClientConnection, Set<ClientConnection>>();
  let tick = 0;
  let count = 0;
  const timer = setInterval(() => {
    for (const connection of slices[tick++ % SLICES] ?? []) {
      if (!connection.alive) {
        connection.socket.terminate();
        continue;
      }
      connection.alive = false;
      connection.socket.ping();
    }
  }, intervalMs / SLICES);
  timer.unref();
  return {
    track(connection) {
      // The slice of the coming tick, so a new connection is pinged at once; when many arrive
      // together (clients reconnecting after a restart), the next slice not fuller than average.
      const fair = Math.ceil((count + 1) / SLICES);
      let offset = 0;
      while (offset < SLICES - 1 && (slices[(tick + offset) % SLICES]?.size ?? 0) >= fair) offset += 1;
      const slice = slices[(tick + offset) % SLICES];
      if (!slice) return;
      slice.add(connection);
      sliceOf.set(connection, slice);
      count += 1;
    },
    forget(connection) {
      if (sliceOf.get(connection)?.delete(connection)) count -= 1;
      sliceOf.delete(connection);
    },
    stop: () => clearInterval(timer),
  };
}
