// A typed value (an address, a domain, a hash...) as a STIX pattern and as a cyber observable, for every
// importer: a CSV row, a MISP attribute and a reviewed text extraction all become the same indicator.
// Values are normalised by @hub/stix first, so `EVIL.example.` and `evil.example` give one pattern.
import { isObservableTypeName, normalizeObservable, quoteString, scoId, type ObservableType } from '@hub/stix';

export const HASH_ALGORITHM_BY_LENGTH: Readonly<Record<number, string>> = { 32: 'MD5', 40: 'SHA-1', 64: 'SHA-256', 128: 'SHA-512' };

/** Extra everyday type names accepted in CSV type columns: a hash algorithm names a file hash. */
const HASH_TYPE_NAMES: Readonly<Record<string, string>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  sha256: 'SHA-256',
  'sha-256': 'SHA-256',
  sha512: 'SHA-512',
  'sha-512': 'SHA-512',
};

/** Column headings that firewalls, SIEMs and MISP exports use for types, beyond normalizeObservable's. */
const EXTRA_TYPE_NAMES: Readonly<Record<string, string>> = {
  'ip-src': 'ip',
  'ip-dst': 'ip',
  'ip address': 'ip',
  ip_address: 'ip',
  ipaddress: 'ip',
  fqdn: 'domain',
  'domain-name': 'domain-name',
  'e-mail': 'email',
  uri: 'url',
};

export interface TypedObservable {
  type: ObservableType;
  /** Canonical value (see @hub/stix normalizeObservable). */
  value: string;
  /** For file hashes: MD5, SHA-1, SHA-256 or SHA-512. */
  hashAlgorithm?: string;
}

/**
 * Normalises a (type, value) pair named by a user or a file: STIX types, the aliases of
 * normalizeObservable (ip, domain, hostname, email, hash...) and hash algorithm names (md5, sha256...).
 * A hash must be hex of a known length, and must match the algorithm if one was named.
 */
export function typedObservable(type: string, value: string): TypedObservable | { error: string } {
  const typeName = typeNameOf(type);
  const namedAlgorithm = Object.hasOwn(HASH_TYPE_NAMES, typeName) ? HASH_TYPE_NAMES[typeName] : undefined;
  const normalized = normalizeObservable(namedAlgorithm ? 'file' : typeName, value);
  if ('error' in normalized) return normalized;
  if (normalized.type !== 'file' && normalized.type !== 'artifact') return normalized;
  const algorithm = /^[0-9a-f]+$/.test(normalized.value) ? HASH_ALGORITHM_BY_LENGTH[normalized.value.length] : undefined;
  if (!algorithm) return { error: `'${value}' is not an MD5, SHA-1, SHA-256 or SHA-512 hex digest` };
  if (namedAlgorithm && namedAlgorithm !== algorithm) return { error: `'${value}' is not a ${namedAlgorithm} digest (it has the length of ${algorithm})` };
  return { ...normalized, hashAlgorithm: algorithm };
}

/** Whether typedObservable takes `type`, whatever the value: checked once for a mapping's fixed type. */
export function isTypedObservableName(type: string): boolean {
  const typeName = typeNameOf(type);
  return Object.hasOwn(HASH_TYPE_NAMES, typeName) || isObservableTypeName(typeName);
}

function typeNameOf(type: string): string {
  const name = type.trim().toLowerCase();
  // Own entries only: a type named `constructor` is an unknown type, not Object's function.
  return Object.hasOwn(EXTRA_TYPE_NAMES, name) ? EXTRA_TYPE_NAMES[name] : name;
}

/** One `path = 'value'` comparison: the object path as STIX writes it, and the constant. */
export interface Comparison {
  path: string;
  value: string | number;
}

export function comparison(path: string, value: string | number): Comparison {
  return { path, value };
}

/** `[a = 'x' AND b = 'y']`: one observation in which every comparison must hold. */
export function patternOf(comparisons: readonly Comparison[]): string {
  const terms = comparisons.map(({ path, value }) => `${path} = ${typeof value === 'number' ? String(value) : quoteString(value)}`);
  return `[${terms.join(' AND ')}]`;
}

/** The comparison that names an observable. */
export function comparisonFor(observable: TypedObservable): Comparison {
  switch (observable.type) {
    case 'autonomous-system':
      return comparison('autonomous-system:number', Number(observable.value));
    case 'file':
    case 'artifact':
      return comparison(`${observable.type}:hashes.'${observable.hashAlgorithm ?? 'SHA-256'}'`, observable.value);
    case 'x509-certificate':
      return comparison(`x509-certificate:hashes.'${observable.hashAlgorithm ?? 'SHA-256'}'`, observable.value);
    default:
      return comparison(`${observable.type}:value`, observable.value);
  }
}

/** The STIX pattern that matches an observable, e.g. `[file:hashes.'SHA-256' = '…']`. */
export function patternForObservable(observable: TypedObservable): string {
  return patternOf([comparisonFor(observable)]);
}

/** A STIX cyber observable for the value, with its deterministic id (STIX 2.1 section 2.9). */
export function scoForObservable(observable: TypedObservable): Record<string, unknown> & { type: string; id: string } {
  let properties: Record<string, unknown> & { type: string };
  switch (observable.type) {
    case 'autonomous-system':
      properties = { type: observable.type, number: Number(observable.value) };
      break;
    case 'file':
    case 'artifact':
    case 'x509-certificate':
      properties = { type: observable.type, hashes: { [observable.hashAlgorithm ?? 'SHA-256']: observable.value } };
      break;
    default:
      properties = { type: observable.type, value: observable.value };
  }
  const sco = { ...properties, spec_version: '2.1' };
  return { ...sco, id: scoId(sco) };
}
