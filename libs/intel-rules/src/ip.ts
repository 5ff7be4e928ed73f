// IP addresses and CIDR blocks as numbers, for containment tests that do not depend on spelling.
//
// IPv4 is one unsigned 32-bit number; IPv6 is its 32 hex digits (zero padded, lower case), which
// makes "the first p bits" a string prefix and keeps the hot path free of BigInt.

export type IpBlock =
  | { version: 4; address: number; prefix: number }
  | { version: 6; hex: string; prefix: number };

/** An address (`10.1.2.3`, `2001:db8::1`) or a block (`10.0.0.0/8`); a bare address is a full-length block. */
export function parseIpBlock(text: string): IpBlock | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  if (addressText.includes(':')) {
    const hex = parseIpv6Hex(addressText);
    const prefix = parsePrefix(prefixText, 128);
    return hex === undefined || prefix === undefined ? undefined : { version: 6, hex, prefix };
  }
  const address = parseIpv4Number(addressText);
  const prefix = parsePrefix(prefixText, 32);
  return address === undefined || prefix === undefined ? undefined : { version: 4, address, prefix };
}

/** The block with its host bits cleared (`10.1.2.3/8` -> 10.0.0.0/8). */
export function networkOf(block: IpBlock): IpBlock {
  return block.version === 4
    ? { version: 4, address: maskIpv4(block.address, block.prefix), prefix: block.prefix }
    : { version: 6, hex: maskIpv6Hex(block.hex, block.prefix).padEnd(32, '0'), prefix: block.prefix };
}

/**
 * True when `inner` (an address or block) lies entirely inside `outer`: same family, a prefix at least
 * as long, and the same first `outer.prefix` bits. The pure twin of PostgreSQL's `inner <<= outer` on inet.
 */
export function blockContains(outer: IpBlock, inner: IpBlock): boolean {
  if (outer.prefix > inner.prefix) return false;
  if (outer.version === 4 && inner.version === 4) {
    return maskIpv4(outer.address, outer.prefix) === maskIpv4(inner.address, outer.prefix);
  }
  if (outer.version === 6 && inner.version === 6) {
    return maskIpv6Hex(outer.hex, outer.prefix) === maskIpv6Hex(inner.hex, outer.prefix);
  }
  return false;
}

/** `ipInCidr('10.20.3.4', '10.20.0.0/16')`; false for unparsable text or mixed families. */
export function ipInCidr(value: string, cidr: string): boolean {
  const inner = parseIpBlock(value);
  const outer = parseIpBlock(cidr);
  return inner !== undefined && outer !== undefined && blockContains(outer, inner);
}

export function maskIpv4(address: number, prefix: number): number {
  if (prefix <= 0) return 0;
  // `>>> 0` keeps the result unsigned (bitwise operators work on signed 32-bit integers).
  return (address & (-1 << (32 - prefix))) >>> 0;
}

/** The first `prefix` bits of a 32-digit IPv6 hex string, as the shortest hex prefix holding them. */
export function maskIpv6Hex(hex: string, prefix: number): string {
  const whole = prefix >> 2;
  const rest = prefix & 3;
  if (rest === 0) return hex.slice(0, whole);
  const nibble = parseInt(hex.charAt(whole), 16) & (0xf0 >> rest) & 0xf;
  return hex.slice(0, whole) + nibble.toString(16);
}

function parsePrefix(text: string | undefined, fullLength: number): number | undefined {
  if (text === undefined) return fullLength;
  if (text.length === 0 || text.length > 3) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return value <= fullLength ? value : undefined;
}

/** Dotted decimal, four octets, leading zeros read as decimal (as @hub/stix canonicalises them). */
export function parseIpv4Number(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return value * 256 + octet;
}

function parseGroups(text: string, out: number[]): boolean {
  if (text === '') return true;
  const parts = text.split(':');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Number(part);
      if (v4 === undefined) return false;
      out.push(Math.floor(v4 / 65536), v4 % 65536);
      continue;
    }
    if (part.length === 0 || part.length > 4 || !/^[0-9a-fA-F]+$/.test(part)) return false;
    out.push(parseInt(part, 16));
  }
  return true;
}

/** The 32 lower-case hex digits of an IPv6 address, or undefined. Zone indices are refused. */
export function parseIpv6Hex(text: string): string | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head: number[] = [];
  const tail: number[] = [];
  if (!parseGroups(halves[0] as string, head)) return undefined;
  let groups: number[];
  if (halves.length === 1) {
    if (head.length !== 8) return undefined;
    groups = head;
  } else {
    if ((halves[0] as string).includes('.') || !parseGroups(halves[1] as string, tail)) return undefined;
    const zeros = 8 - head.length - tail.length;
    if (zeros < 1) return undefined;
    groups = [...head, ...new Array<number>(zeros).fill(0), ...tail];
  }
  let hex = '';
  for (const group of groups) hex += group.toString(16).padStart(4, '0');
  return hex;
}
