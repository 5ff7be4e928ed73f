// One canonical spelling per observable value, used both when storing the observables
// of an indicator and when a user looks one up, so `ABCD...` finds `abcd...` and
// `2001:DB8:0:0::1` finds `2001:db8::1`.
//
// Canonical values by type:
// - ipv4-addr, ipv6-addr: see ip-address.ts (no leading zeros, RFC 5952, CIDR kept,
//   /32 and /128 dropped).
// - domain-name: lower case, without a trailing dot.
// - email-addr: lower case (local part included: mailbox names are case-insensitive
//   in practice and threat feeds mix cases).
// - url: scheme and host lower case; user info, path, query and fragment unchanged.
// - mac-addr: lower-case colon-separated MAC-48 with two digits per octet
//   (`AA-BB-CC-DD-EE-FF`, `aabb.ccdd.eeff` and `aabbccddeeff` are accepted).
// - autonomous-system: the AS number in decimal (`AS64496`, `as64496` -> `64496`).
// - file, artifact: a hash of any algorithm; hex hashes lower case, TLSH as `T1` + lower
//   case hex, other hashes (SSDEEP) unchanged because their alphabet is case-sensitive.
// - x509-certificate: a hash or a serial number; hex digits and ':' only -> lower case.
//
// Type names are matched case-insensitively, with a few everyday aliases:
// ipv4, ipv6, ip (either, by the value's form), domain, hostname, email, mac, asn,
// hash (-> file), x509.

import { canonicalIpv4, canonicalIpv6 } from './ip-address';
import { isObservableType, OBSERVABLE_TYPES, type ObservableType } from './observable';

export type NormalizedObservable = { type: ObservableType; value: string };

const TYPE_ALIASES: Readonly<Record<string, ObservableType>> = {
  ipv4: 'ipv4-addr',
  ipv6: 'ipv6-addr',
  domain: 'domain-name',
  hostname: 'domain-name',
  email: 'email-addr',
  mac: 'mac-addr',
  asn: 'autonomous-system',
  hash: 'file',
  x509: 'x509-certificate',
};

const EXAMPLES: Readonly<Record<ObservableType, string>> = {
  'ipv4-addr': '203.0.113.5 or 198.51.100.0/24',
  'ipv6-addr': '2001:db8::1 or 2001:db8::/32',
  'domain-name': 'example.com',
  url: 'https://example.com/path',
  'email-addr': 'someone@example.com',
  'mac-addr': '00:1a:2b:3c:4d:5e',
  'autonomous-system': '64496 or AS64496',
  file: 'a hash such as an MD5, SHA-1 or SHA-256 hex digest',
  artifact: 'a hash such as an MD5, SHA-1 or SHA-256 hex digest',
  'x509-certificate': 'a certificate hash or serial number',
};

const CANONICALIZERS: Readonly<Record<ObservableType, (value: string) => string | undefined>> = {
  'ipv4-addr': canonicalIpv4,
  'ipv6-addr': canonicalIpv6,
  'domain-name': canonicalDomainName,
  url: canonicalUrl,
  'email-addr': canonicalEmailAddress,
  'mac-addr': canonicalMacAddress,
  'autonomous-system': canonicalAsNumber,
  file: canonicalHash,
  artifact: canonicalHash,
  'x509-certificate': canonicalCertificateValue,
};

/** Canonical (type, value) for storage or lookup, or the reason the pair is unusable. */
export function normalizeObservable(type: string, value: string): NormalizedObservable | { error: string } {
  if (typeof type !== 'string' || typeof value !== 'string') return { error: 'type and value must be strings' };
  const trimmed = value.trim();
  const resolved = resolveObservableType(type, trimmed);
  if (!resolved) {
    return { error: `unsupported observable type '${type}' (supported: ${OBSERVABLE_TYPES.join(', ')})` };
  }
  const canonical = trimmed === '' ? undefined : CANONICALIZERS[resolved](trimmed);
  if (canonical === undefined) {
    return { error: `'${value}' is not a valid ${resolved} value (expected ${EXAMPLES[resolved]})` };
  }
  return { type: resolved, value: canonical };
}

/** Whether normalizeObservable takes `type` (a STIX type or one of its aliases), whatever the value. */
export function isObservableTypeName(type: string): boolean {
  return resolveObservableType(type, '') !== undefined;
}

function resolveObservableType(type: string, value: string): ObservableType | undefined {
  const name = type.trim().toLowerCase();
  if (isObservableType(name)) return name;
  if (name === 'ip') return value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
  return Object.hasOwn(TYPE_ALIASES, name) ? TYPE_ALIASES[name] : undefined;
}

/** True for chars that never belong inside an observable value (whitespace, controls). */
function isSpaceOrControl(c: number): boolean {
  return c <= 32 || c === 127 || (c >= 0x80 && c <= 0x9f) || c === 0xa0 || c === 0x2028 || c === 0x2029;
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSpaceOrControl(text.charCodeAt(i))) return true;
  return false;
}

function isHexText(text: string, allowColons: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!hex && !(allowColons && c === 58)) return false;
  }
  return text.length > 0;
}

/**
 * Labels of 1-63 chars (letters, digits, '-', '_' or any non-ASCII char, for
 * internationalised names), 253 chars at most.
 */
export function canonicalDomainName(text: string): string | undefined {
  let name = text.toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253) return undefined;
  let labelLength = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c === 46) {
      if (labelLength === 0) return undefined;
      labelLength = 0;
      continue;
    }
    const allowed = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95 || (c > 127 && !isSpaceOrControl(c));
    if (!allowed || ++labelLength > 63) return undefined;
  }
  return labelLength === 0 ? undefined : name;
}

function canonicalEmailAddress(text: string): string | undefined {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at > 64 || hasSpaceOrControl(text)) return undefined;
  const domain = canonicalDomainName(text.slice(at + 1));
  if (!domain) return undefined;
  return `${text.slice(0, at).toLowerCase()}@${domain}`;
}

function canonicalUrl(text: string): string | undefined {
  if (hasSpaceOrControl(text)) return undefined;
  const colon = text.indexOf(':');
  if (colon < 1) return undefined;
  const scheme = text.slice(0, colon).toLowerCase();
  for (let i = 0; i < scheme.length; i++) {
    const c = scheme.charCodeAt(i);
    const letter = c >= 97 && c <= 122;
    if (!(letter || (i > 0 && ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)))) return undefined;
  }
  const rest = text.slice(colon + 1);
  if (rest === '') return undefined;
  if (!rest.startsWith('//')) return `${scheme}:${rest}`;
  let authorityEnd = rest.length;
  for (let i = 2; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c === 47 || c === 63 || c === 35) {
      authorityEnd = i;
      break;
    }
  }
  const authority = rest.slice(2, authorityEnd);
  const userInfoEnd = authority.lastIndexOf('@') + 1;
  const host = authority.slice(userInfoEnd).toLowerCase();
  if (host === '' && scheme !== 'file') return undefined;
  return `${scheme}://${authority.slice(0, userInfoEnd)}${host}${rest.slice(authorityEnd)}`;
}

function canonicalMacAddress(text: string): string | undefined {
  const lower = text.toLowerCase();
  let octets: string[];
  if (lower.includes(':') || lower.includes('-')) {
    const parts = lower.split(lower.includes(':') ? ':' : '-');
    if (parts.length !== 6 || !parts.every((part) => part.length <= 2 && isHexText(part, false))) return undefined;
    octets = parts.map((part) => part.padStart(2, '0'));
  } else {
    const digits = lower.includes('.') ? dottedMacDigits(lower) : lower;
    if (digits === undefined || digits.length !== 12 || !isHexText(digits, false)) return undefined;
    octets = [0, 2, 4, 6, 8, 10].map((i) => digits.slice(i, i + 2));
  }
  return octets.join(':');
}

/** `aabb.ccdd.eeff` (Cisco style) -> `aabbccddeeff`. */
function dottedMacDigits(text: string): string | undefined {
  const parts = text.split('.');
  return parts.length === 3 && parts.every((part) => part.length === 4) ? parts.join('') : undefined;
}

const MAX_AS_NUMBER = 4294967295;

function canonicalAsNumber(text: string): string | undefined {
  const digits = /^as/i.test(text) ? text.slice(2) : text;
  if (digits.length === 0 || digits.length > 10) return undefined;
  for (let i = 0; i < digits.length; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const number = Number(digits);
  return number <= MAX_AS_NUMBER ? String(number) : undefined;
}

function canonicalHash(text: string): string | undefined {
  if (hasSpaceOrControl(text)) return undefined;
  if (isHexText(text, false)) return text.toLowerCase();
  const isTlsh = (text.startsWith('T1') || text.startsWith('t1')) && isHexText(text.slice(2), false);
  if (isTlsh) return `T1${text.slice(2).toLowerCase()}`;
  return text;
}

function canonicalCertificateValue(text: string): string | undefined {
  if (hasSpaceOrControl(text)) return undefined;
  return isHexText(text, true) ? text.toLowerCase() : text;
}
