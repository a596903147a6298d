import type { AddressInfo } from 'node:net';
import { PeerServer } from 'peer';

/**
 * The PeerJS signaling server (npm `peer`) with its defaults, except the concurrent-client cap
 * (5,000 by default), lifted so it can hold the same 20,000 sockets as ours. Prints its port.
 */
PeerServer({ port: 0, host: '127.0.0.1', path: '/', concurrent_limit: 1_000_000 }, (server) => {
  console.log(`listening on port ${(server.address() as AddressInfo).port}`);
  process.once('SIGTERM', () => {
    server.closeAllConnections?.();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1_000).unref();
  });
});
