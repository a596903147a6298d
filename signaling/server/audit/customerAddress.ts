import { isIPv4, isIPv6 } from 'node:net';

/** AUDIT_CUSTOMER_ADDRESS: how much of a client address the audit trail keeps (GDPR). */
export type AddressPolicy = 'full' | 'truncated' | 'none';

/**
 * truncated: IPv4 keeps its /24 (203.0.113.0), IPv6 its /48 (2001:db8:1::): enough to tell a
 * region or provider, not the person.
 */
export function recordedAddress(address: string | undefined, policy: AddressPolicy): string | null {
  if (!address || policy === 'none') return null;
  if (policy === 'full') return address;
  const mapped = address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
  if (isIPv4(mapped)) return mapped.split('.').slice(0, 3).concat('0').join('.');
  if (isIPv6(mapped)) {
    const [head = ''] = mapped.split('::');
    const groups = mapped.includes('::') ? head.split(':').filter(Boolean) : mapped.split(':');
    return `${groups.slice(0, 3).join(':')}::`;
  }
  return null;
}
