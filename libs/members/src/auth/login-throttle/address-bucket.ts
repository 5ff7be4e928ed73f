import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit a per-address limit counts: one IPv4 address, or one IPv6 /64 (a single subscriber
 * usually holds a whole /64, so counting single IPv6 addresses would be trivial to dodge).
 */
export function addressBucket(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const mappedIPv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mappedIPv4) return mappedIPv4[1];
  if (isIPv4(ip)) return ip;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const withoutZone = ip.split('%')[0];
  const [head, tail] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, undefined];
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups].map((group) => group.toLowerCase().padStart(4, '0'));
}
