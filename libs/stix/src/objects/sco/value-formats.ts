// Formats of the `value` of address-like observables. Defanged values (spec 6.1, `defanged`) are altered on
// purpose, e.g. `hxxp://evil[.]example`, so callers skip these checks for them.

const IPV4_OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

function prefixLengthOk(text: string | undefined, maximum: number): boolean {
  if (text === undefined) return true;
  if (!/^\d{1,3}$/.test(text)) return false;
  return Number(text) <= maximum;
}

function splitCidr(value: string): [string, string | undefined] {
  const slash = value.indexOf('/');
  return slash === -1 ? [value, undefined] : [value.slice(0, slash), value.slice(slash + 1)];
}

// The usual ways of defanging an address: brackets or parentheses around a dot or colon, or the word "dot".
const DEFANGED_DOT = /\[\.\]|\(\.\)|\{\.\}|\[dot\]|\(dot\)/gi;
const DEFANGED_COLON = /\[:\]|\(:\)|\{:\}/g;

/**
 * An address with the usual defanging undone, e.g. `198.51.100[.]3` → `198.51.100.3`. A defanged value is
 * still an address: only its dots and colons are disguised (spec 6.1 `defanged`).
 */
export function refangAddress(value: string): string {
  return value.replace(DEFANGED_DOT, '.').replace(DEFANGED_COLON, ':');
}

/** A dotted-quad IPv4 address, optionally in CIDR notation (spec 6.8). */
export function isIPv4AddressOrCidr(value: string): boolean {
  const [address, prefix] = splitCidr(value);
  return IPV4.test(address) && prefixLengthOk(prefix, 32);
}

const HEXTET = /^[0-9a-fA-F]{1,4}$/;

function isIPv6Address(address: string): boolean {
  const lastColon = address.lastIndexOf(':');
  if (lastColon === -1) return false;
  let text = address;
  let embeddedIPv4Groups = 0;
  // A trailing dotted-quad stands for the last two groups: check it, then count it as a placeholder plus one.
  const lastPart = address.slice(lastColon + 1);
  if (lastPart.includes('.')) {
    if (!IPV4.test(lastPart)) return false;
    text = `${address.slice(0, lastColon + 1)}0`;
    embeddedIPv4Groups = 1;
  }
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groupsOf = (half: string) => (half === '' ? [] : half.split(':'));
  const groups = [...groupsOf(halves[0]), ...(halves.length === 2 ? groupsOf(halves[1]) : [])];
  if (!groups.every((group) => HEXTET.test(group))) return false;
  const count = groups.length + embeddedIPv4Groups;
  // `::` stands for at least one group of zeros.
  return halves.length === 2 ? count <= 7 : count === 8;
}

/** An IPv6 address, optionally in CIDR notation (spec 6.9). */
export function isIPv6AddressOrCidr(value: string): boolean {
  const [address, prefix] = splitCidr(value);
  return isIPv6Address(address) && prefixLengthOk(prefix, 128);
}

/** Spec 6.10: a single colon-delimited, lowercase MAC-48 address with leading zeros. */
const MAC_48 = /^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/;

export function isMac48Address(value: string): boolean {
  return MAC_48.test(value);
}

/** An RFC 5322 addr-spec, checked loosely: something, an @, and a domain. */
const ADDR_SPEC = /^[^\s@]+@[^\s@]+$/;

export function isEmailAddress(value: string): boolean {
  return ADDR_SPEC.test(value);
}

/** RFC 3986: a scheme, a colon, then no whitespace. */
const URL_WITH_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;

export function isUrl(value: string): boolean {
  return URL_WITH_SCHEME.test(value);
}

/** RFC 1034 / RFC 5890 names, loosely: dot-separated labels of up to 63 characters, no spaces or URL syntax. */
export function isDomainName(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.endsWith('.') ? value.slice(0, -1).split('.') : value.split('.');
  return labels.every((label) => label.length > 0 && label.length <= 63 && !/[\s/:@?#\\]/.test(label));
}
