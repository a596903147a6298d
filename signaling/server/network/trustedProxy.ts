import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { isIP } from 'node:net';
import { errorMessage } from '../platform/errorMessage';

/** Whether the address `hop` steps away from this server (0 = the socket's peer) is a proxy we trust. */
export type TrustProxy = (address: string, hop: number) => boolean;

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY, parsed once and used for HTTP (fastify's `trustProxy`) and WebSocket upgrades alike:
 * - `false`/`0`: no proxy; the socket's address is the client.
 * - `true` or a hop count N: N proxies in front (true = 1); the client is the address the outermost
 *   of them appended to X-Forwarded-For. Entries further left were written by the client and are
 *   never believed. Only safe when the server cannot be reached except through those proxies.
 * - a comma-separated list of proxy addresses or CIDRs (`10.0.0.0/8`, `::1`, or the names
 *   `loopback`, `linklocal`, `uniquelocal`): the client is the first address, walking from the
 *   socket leftwards through X-Forwarded-For, that is not one of these proxies.
 * Returns an error sentence for a value it cannot use.
 */
export function parseTrustProxy(value: string): { trust: TrustProxy | false } | { error: string } {
  const text = value.trim();
  if (text === '' || text === 'false' || text === '0') return { trust: false };
  if (text === 'true') return { trust: hops(1) };
  if (/^\d+$/.test(text)) return { trust: hops(Number(text)) };
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const bad = entries.find((entry) => !NAMED_RANGES.has(entry) && !isAddressOrCidr(entry));
  if (bad !== undefined || entries.length === 0) {
    return { error: `"${bad ?? text}" is neither true/false, a hop count, nor a proxy address or CIDR` };
  }
  try {
    return { trust: proxyAddr.compile(entries) };
  } catch (error) {
    return { error: errorMessage(error) };
  }
}

function hops(count: number): TrustProxy {
  return (_address, hop) => hop < count;
}

function isAddressOrCidr(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  if (rest.length > 0 || !address || isIP(address) === 0) return false;
  return bits === undefined || /^\d{1,3}$/.test(bits);
}

/** The client's address: the socket's, or the one the trusted proxy appended to X-Forwarded-For. */
export function clientAddress(request: IncomingMessage, trust: TrustProxy | false): string {
  if (!trust) return request.socket.remoteAddress ?? 'unknown';
  const chain = proxyAddr.all(request, trust);
  return chain[chain.length - 1] ?? request.socket.remoteAddress ?? 'unknown';
}
