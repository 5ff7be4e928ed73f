/**
 * Builds a STIX 2.1 pattern from values a person types or pastes (one per line): IPv4 or IPv6
 * addresses and networks, domain names, URLs, e-mail addresses and file hashes. Several values give
 * one pattern that matches any of them. Anything not recognised is reported with its line, and the
 * pattern is built from the rest; the server's parser has the last word.
 */
export type ValueKind = 'ipv4-addr' | 'ipv6-addr' | 'domain-name' | 'url' | 'email-addr' | 'file-md5' | 'file-sha1' | 'file-sha256' | 'file-sha512';

export interface TypedValue {
  kind: ValueKind;
  value: string;
}

export interface PatternBuild {
  pattern: string;
  values: TypedValue[];
  problems: { line: number; message: string }[];
}

const IPV4_OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_OCTET}(\\.${IPV4_OCTET}){3}(/(3[0-2]|[12]?\\d))?$`);
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
const EMAIL = /^[^\s@'"\\]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;
const HASHES: [RegExp, ValueKind][] = [
  [/^[a-f0-9]{32}$/i, 'file-md5'],
  [/^[a-f0-9]{40}$/i, 'file-sha1'],
  [/^[a-f0-9]{64}$/i, 'file-sha256'],
  [/^[a-f0-9]{128}$/i, 'file-sha512'],
];

function isIpv6(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  if (rest.length || (prefix !== undefined && !/^(12[0-8]|1[01]\d|[1-9]?\d)$/.test(prefix))) return false;
  if (!/^[0-9a-f:.]+$/i.test(address) || !address.includes(':')) return false;
  const halves = address.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half ? half.split(':') : []));
  const last = groups[groups.length - 1] ?? '';
  const embeddedV4 = last.includes('.') && IPV4.test(last) && !last.includes('/');
  const hexGroups = embeddedV4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
  const width = hexGroups.length + (embeddedV4 ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

function isUrl(text: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return false;
  try {
    return Boolean(new URL(text).host);
  } catch {
    return false;
  }
}

/** What a typed value is, or undefined when it is none of the supported kinds. */
export function classifyValue(input: string): TypedValue | undefined {
  // A common way to share indicators safely: "hxxp", "[.]" and "(.)" are undone.
  const text = input
    .trim()
    .replace(/^hxxp/i, 'http')
    .replace(/\[\.\]|\(\.\)/g, '.')
    .replace(/\[@\]/g, '@');
  if (!text) return undefined;
  if (IPV4.test(text)) return { kind: 'ipv4-addr', value: text };
  if (isIpv6(text)) return { kind: 'ipv6-addr', value: text.toLowerCase() };
  for (const [shape, kind] of HASHES) if (shape.test(text)) return { kind, value: text.toLowerCase() };
  if (isUrl(text)) return { kind: 'url', value: text };
  if (EMAIL.test(text)) return { kind: 'email-addr', value: text.toLowerCase() };
  if (DOMAIN.test(text)) return { kind: 'domain-name', value: text.toLowerCase().replace(/\.$/, '') };
  return undefined;
}

/** A STIX pattern string literal: quotes and backslashes escaped. */
export function stixString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const HASH_NAMES: Partial<Record<ValueKind, string>> = { 'file-md5': 'MD5', 'file-sha1': 'SHA-1', 'file-sha256': 'SHA-256', 'file-sha512': 'SHA-512' };

export function comparison({ kind, value }: TypedValue): string {
  const hash = HASH_NAMES[kind];
  if (hash) return `file:hashes.'${hash}' = ${stixString(value)}`;
  // A network is matched with ISSUBSET, so an address inside it matches too.
  if ((kind === 'ipv4-addr' || kind === 'ipv6-addr') && value.includes('/')) return `${kind}:value ISSUBSET ${stixString(value)}`;
  return `${kind}:value = ${stixString(value)}`;
}

export function buildPattern(text: string): PatternBuild {
  const values: TypedValue[] = [];
  const problems: PatternBuild['problems'] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const typed = classifyValue(line);
    if (!typed) {
      problems.push({ line: index + 1, message: `“${line.trim().slice(0, 80)}” is not an IP address or network, domain, URL, e-mail address or file hash` });
      return;
    }
    const key = `${typed.kind} ${typed.value}`;
    if (seen.has(key)) return;
    seen.add(key);
    values.push(typed);
  });
  const pattern = values.map((value) => `[${comparison(value)}]`).join(' OR ');
  return { pattern, values, problems };
}
