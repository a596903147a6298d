import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';

/** Loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved ranges. */
const privateRanges = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) privateRanges.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  privateRanges.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped ? privateRanges.check(mapped, 'ipv4') : privateRanges.check(address, 'ipv6');
}

export class WebhookTargetError extends Error {}

/** Only http(s) URLs without credentials; checked when an endpoint is added and before each delivery. */
export function parseWebhookUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookTargetError(`Not a URL: ${text}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new WebhookTargetError('Webhook URLs must be http:// or https://.');
  if (url.username || url.password) throw new WebhookTargetError('Webhook URLs must not carry a user name or password.');
  return url;
}

/**
 * The address to connect to: the host's addresses, all of them public unless private targets are
 * allowed (WEBHOOK_ALLOW_PRIVATE=true). The connection then uses exactly this address, so a DNS
 * answer that changes between check and connect cannot point it inside.
 */
export async function resolveTarget(hostname: string, allowPrivate: boolean): Promise<{ address: string; family: 4 | 6 }> {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  const found = isIP(host) ? [{ address: host, family: isIP(host) as 4 | 6 }] : await lookup(host, { all: true, verbatim: true });
  const first = found[0];
  if (!first) throw new WebhookTargetError(`${hostname} has no address`);
  if (!allowPrivate) {
    const inside = found.find((entry) => isPrivateAddress(entry.address));
    if (inside) throw new WebhookTargetError(`refused: ${hostname} is a private or loopback address (${inside.address}); set WEBHOOK_ALLOW_PRIVATE=true to allow it`);
  }
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
