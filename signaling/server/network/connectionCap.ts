import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { ClientWarnings } from '../clientWarnings';
import { addressBucket } from './addressBucket';
import type { TrustProxy } from './trustedProxy';

/**
 * Open HTTP connections per client address (IPv6: per /64), counted from the moment the TCP
 * connection opens, so a client cannot hold hundreds of half-sent requests (slowloris). A
 * connection that becomes a signaling socket leaves this count: MAX_SOCKETS_PER_ADDRESS counts it
 * from then on. Connections from a trusted proxy (TRUST_PROXY) are not capped here: they carry
 * many clients, and the proxy is where their connections are limited.
 */
export function capConnectionsPerAddress(
  server: Server,
  options: { max: number; trust: TrustProxy | false; tls: boolean; warnings: ClientWarnings },
): void {
  if (options.max <= 0) return;
  const open = new Map<string, number>();
  const counted = new WeakMap<Socket, string>();
  const release = (socket: Socket) => {
    const bucket = counted.get(socket);
    if (bucket === undefined) return;
    counted.delete(socket);
    const left = (open.get(bucket) ?? 1) - 1;
    if (left > 0) open.set(bucket, left);
    else open.delete(bucket);
  };
  // Under TLS the socket the HTTP server sees (and hands to 'upgrade') is the TLS one.
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    const address = socket.remoteAddress;
    if (address === undefined || (options.trust && options.trust(address, 0))) return;
    const bucket = addressBucket(address);
    const count = open.get(bucket) ?? 0;
    if (count >= options.max) {
      options.warnings.warn(address, { cap: options.max }, 'connection refused: too many open connections from this address');
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    open.set(bucket, count + 1);
    counted.set(socket, bucket);
    socket.once('close', () => release(socket));
  });
  server.on('upgrade', (_request, socket: Socket) => release(socket));
}
