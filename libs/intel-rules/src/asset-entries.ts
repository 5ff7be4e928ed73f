// An organisation's declared assets (its domains, host names, address ranges and addresses), as a
// member pastes them: each entry validated with its own path, spelled canonically so that the
// stored entry compares with stored observables (normalizeObservable of @hub/stix spells those).

import { normalizeObservable } from '@hub/stix';
import { networkOf, parseIpBlock } from './ip';

export const ASSET_KINDS = ['DOMAIN', 'HOSTNAME', 'CIDR', 'IP'] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export const MAX_ASSET_ENTRIES = 10_000;
export const MAX_ASSET_COMMENT_LENGTH = 500;
// A block this wide is "the internet", not an organisation's range, and would match nearly everything.
export const MIN_IPV4_PREFIX = 8;
export const MIN_IPV6_PREFIX = 16;
const MAX_REPORTED_ERRORS = 50;

export interface AssetEntryInput {
  value: string;
  kind: string;
  comment?: string | null;
}

export interface AssetEntry {
  kind: AssetKind;
  /** Canonical: a lower-case domain without trailing dot; an address or network as @hub/stix spells it. */
  value: string;
  comment?: string;
}

export interface AssetEntryIssue {
  path: string;
  message: string;
}

export type AssetEntriesResult = { ok: true; entries: AssetEntry[] } | { ok: false; errors: AssetEntryIssue[] };

/**
 * Validates a whole list (`entries[3].value: …`); nothing is accepted unless every entry is. The same
 * entry given twice (same kind, same canonical value) counts once, with the first comment.
 */
export function parseAssetEntries(entries: readonly AssetEntryInput[], path = 'entries'): AssetEntriesResult {
  if (entries.length > MAX_ASSET_ENTRIES) {
    return { ok: false, errors: [{ path, message: `at most ${MAX_ASSET_ENTRIES.toLocaleString('en')} entries (got ${entries.length.toLocaleString('en')}); split the list or use CIDR blocks` }] };
  }
  const errors: AssetEntryIssue[] = [];
  const byKey = new Map<string, AssetEntry>();
  entries.forEach((input, index) => {
    const parsed = parseAssetEntry(input);
    if ('errors' in parsed) {
      errors.push(...parsed.errors.map((issue) => ({ path: `${path}[${index}].${issue.path}`, message: issue.message })));
      return;
    }
    const key = `${parsed.kind} ${parsed.value}`;
    if (!byKey.has(key)) byKey.set(key, parsed);
  });
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS) };
  return { ok: true, entries: [...byKey.values()] };
}

/** One entry; issue paths are relative to it (`value`, `kind`, `comment`). */
export function parseAssetEntry(input: AssetEntryInput): AssetEntry | { errors: AssetEntryIssue[] } {
  const errors: AssetEntryIssue[] = [];
  let comment: string | undefined;
  if (input.comment !== undefined && input.comment !== null) {
    comment = input.comment.trim();
    if (comment.length > MAX_ASSET_COMMENT_LENGTH) errors.push({ path: 'comment', message: `at most ${MAX_ASSET_COMMENT_LENGTH} characters` });
    if (comment === '') comment = undefined;
  }
  if (!(ASSET_KINDS as readonly string[]).includes(input.kind)) {
    errors.push({ path: 'kind', message: `must be one of ${ASSET_KINDS.join(', ')}` });
    return { errors };
  }
  const kind = input.kind as AssetKind;
  const value = canonicalAssetValue(kind, input.value);
  if ('error' in value) errors.push({ path: 'value', message: value.error });
  if (errors.length || 'error' in value) return { errors };
  return comment === undefined ? { kind, value: value.value } : { kind, value: value.value, comment };
}

function canonicalAssetValue(kind: AssetKind, raw: string): { value: string } | { error: string } {
  const text = raw.trim();
  if (text === '') return { error: 'must not be empty' };
  if (kind === 'DOMAIN' || kind === 'HOSTNAME') return canonicalName(kind, text);
  const hasPrefix = text.includes('/');
  if (kind === 'IP' && hasPrefix) return { error: `'${text}' is a block: use kind CIDR` };
  if (kind === 'CIDR' && !hasPrefix) return { error: `'${text}' has no prefix length (e.g. 10.1.0.0/16): use kind IP for one address` };
  const block = parseIpBlock(text);
  const normalized = normalizeObservable('ip', text);
  if (!block || 'error' in normalized) return { error: `'${text}' is not an IPv4 or IPv6 ${kind === 'IP' ? 'address' : 'CIDR block'}` };
  if (kind === 'CIDR') {
    const minimum = block.version === 4 ? MIN_IPV4_PREFIX : MIN_IPV6_PREFIX;
    if (block.prefix < minimum) return { error: `'${text}' is wider than /${minimum}; declare the ranges the organisation holds` };
    const network = networkOf(block);
    const same = block.version === 4 ? network.version === 4 && network.address === block.address : network.version === 6 && network.hex === block.hex;
    if (!same) return { error: `'${text}' has host bits set (did you mean ${formatNetwork(network)}?)` };
  }
  return { value: normalized.value };
}

function canonicalName(kind: AssetKind, text: string): { value: string } | { error: string } {
  // A pasted wildcard (`*.example.org`) says "the domain and everything under it": that is DOMAIN.
  const wildcard = text.startsWith('*.');
  if (wildcard && kind === 'HOSTNAME') return { error: `'${text}' is a wildcard: use kind DOMAIN for a domain and its subdomains` };
  const name = wildcard ? text.slice(2) : text;
  if (parseIpBlock(name)) return { error: `'${text}' is an address: use kind ${name.includes('/') ? 'CIDR' : 'IP'}` };
  const normalized = normalizeObservable('domain-name', name);
  if ('error' in normalized) return { error: `'${text}' is not a domain name (expected e.g. example-hospital.org)` };
  if (!normalized.value.includes('.')) return { error: `'${text}' is a top-level domain; declare the organisation's own domains` };
  return { value: normalized.value };
}

function formatNetwork(block: ReturnType<typeof networkOf>): string {
  if (block.version === 4) {
    const a = block.address;
    return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/${block.prefix}`;
  }
  const groups = block.hex.match(/.{4}/g) ?? [];
  const address = normalizeObservable('ipv6-addr', groups.join(':'));
  return `${'error' in address ? groups.join(':') : address.value}/${block.prefix}`;
}
