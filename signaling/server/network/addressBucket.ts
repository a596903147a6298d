import { isIPv6 } from 'node:net';

/**
 * The name under which per-address limits count a client. IPv4: the address itself. IPv6: its
 * /64 network, because one customer line or one cloud machine gets a whole /64 and could
 * otherwise take a fresh address for every attempt. IPv4-mapped IPv6 (::ffff:1.2.3.4) is IPv4.
 */
export function addressBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(address)) return address;
  const groups = expand(address.split('%')[0] ?? address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros (so spellings agree). */
function expand(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) takes two groups; it never reaches the /64 prefix.
  const width = (groups: string[]) => groups.reduce((sum, group) => sum + (group.includes('.') ? 2 : 1), 0);
  const zeros = tail === undefined ? [] : Array<string>(8 - width(left) - width(right)).fill('0');
  return [...left, ...zeros, ...right].map((group) => (group.includes('.') ? group : String(parseInt(group, 16).toString(16))));
}
