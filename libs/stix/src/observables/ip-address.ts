// Canonical text forms of IP addresses and CIDR blocks, so that one address has one
// spelling in storage and in lookups.
//
// - IPv4: dotted decimal without leading zeros (`010.001.002.003` -> `10.1.2.3`;
//   leading zeros are read as decimal, not octal).
// - IPv6: RFC 5952 - lower case, no leading zeros in a group, the longest run (first on
//   a tie) of two or more zero groups written `::`, IPv4-mapped addresses as
//   `::ffff:192.0.2.1`. Zone indices (`%eth0`) are refused.
// - CIDR: `address/prefix` keeps the address as given (host bits are not cleared, so
//   `10.1.2.3/8` stays `10.1.2.3/8`) with a canonical address and prefix. A full-length
//   prefix (/32, /128) names a single address and is dropped: `203.0.113.33/32` ->
//   `203.0.113.33`, so a lookup of the bare address finds it.

/** Canonical IPv4 address or CIDR block, or undefined when `text` is not one. */
export function canonicalIpv4(text: string): string | undefined {
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || address === undefined) return undefined;
  const octets = parseIpv4Octets(address);
  if (!octets) return undefined;
  return withPrefix(octets.join('.'), prefix, 32);
}

/** Canonical IPv6 address or CIDR block, or undefined when `text` is not one. */
export function canonicalIpv6(text: string): string | undefined {
  const [address, prefix, extra] = text.split('/');
  if (extra !== undefined || address === undefined) return undefined;
  const groups = parseIpv6Groups(address);
  if (!groups) return undefined;
  return withPrefix(formatIpv6(groups), prefix, 128);
}

function withPrefix(address: string, prefix: string | undefined, fullLength: number): string | undefined {
  if (prefix === undefined) return address;
  const length = parseDecimal(prefix, 3);
  if (length === undefined || length > fullLength) return undefined;
  return length === fullLength ? address : `${address}/${length}`;
}

/** Decimal digits only (at most `maxDigits`), as a number. */
function parseDecimal(text: string, maxDigits: number): number | undefined {
  if (text.length === 0 || text.length > maxDigits) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    value = value * 10 + (c - 48);
  }
  return value;
}

function parseIpv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    const octet = parseDecimal(part, 3);
    if (octet === undefined || octet > 255) return undefined;
    octets.push(octet);
  }
  return octets;
}

function parseHexGroup(text: string): number | undefined {
  if (text.length === 0 || text.length > 4) return undefined;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let digit: number;
    if (c >= 48 && c <= 57) digit = c - 48;
    else if (c >= 97 && c <= 102) digit = c - 87;
    else if (c >= 65 && c <= 70) digit = c - 55;
    else return undefined;
    value = value * 16 + digit;
  }
  return value;
}

/** Parses groups separated by ':'; the last may be a dotted IPv4 address (two groups). */
function parseGroupList(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (i === parts.length - 1 && part.includes('.')) {
      const octets = parseIpv4Octets(part);
      if (!octets) return undefined;
      groups.push(((octets[0] ?? 0) << 8) | (octets[1] ?? 0), ((octets[2] ?? 0) << 8) | (octets[3] ?? 0));
    } else {
      const group = parseHexGroup(part);
      if (group === undefined) return undefined;
      groups.push(group);
    }
  }
  return groups;
}

function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroupList(halves[0] ?? '');
  if (!head) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  const tail = parseGroupList(halves[1] ?? '');
  // An embedded IPv4 address may only end the address, never precede '::'.
  if (!tail || (halves[0] ?? '').includes('.')) return undefined;
  const zeros = 8 - head.length - tail.length;
  if (zeros < 1) return undefined;
  return [...head, ...new Array<number>(zeros).fill(0), ...tail];
}

function formatIpv6(groups: readonly number[]): string {
  const isIpv4Mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isIpv4Mapped) {
    const high = groups[6] ?? 0;
    const low = groups[7] ?? 0;
    return `::ffff:${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  }
  // Longest run of zero groups; RFC 5952 compresses only runs of two or more.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
