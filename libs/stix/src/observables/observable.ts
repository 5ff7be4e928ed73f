// Observables: the concrete values (addresses, domains, hashes...) an indicator points at.
//
// Type/value scheme, shared by extraction from patterns, extraction from SCOs and user
// lookups (`lookupObservable(type, value)`):
// - `type` is the STIX SCO type that holds the value, exactly as a user would name it:
//   `ipv4-addr`, `ipv6-addr`, `domain-name`, `url`, `email-addr`, `mac-addr`,
//   `autonomous-system`, `file`, `artifact`, `x509-certificate`.
// - `value` is the canonical text of the value (see normalize.ts): a hash of any
//   algorithm is simply the value of a `file` (or `artifact` / `x509-certificate`)
//   observable, so a user looks up type `file` with the hash and does not need to know
//   which algorithm it is. The algorithm is kept in `hashAlgorithm` for display.
// - Two observables are the same when `type` and `value` are equal.

export const OBSERVABLE_TYPES = [
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
  'autonomous-system',
  'file',
  'artifact',
  'x509-certificate',
] as const;

export type ObservableType = (typeof OBSERVABLE_TYPES)[number];

export interface Observable {
  type: ObservableType;
  /** Canonical value, as normalizeObservable(type, value) returns it. */
  value: string;
  /** For hash values: the algorithm's canonical name, e.g. `SHA-256`. */
  hashAlgorithm?: string;
  /** The object path the value came from, e.g. `file:hashes.'SHA-256'` or `ipv4-addr:value`. */
  path: string;
}

export function isObservableType(type: string): type is ObservableType {
  return (OBSERVABLE_TYPES as readonly string[]).includes(type);
}

/** Drops repeated (type, value) pairs, keeping the first occurrence. */
export function uniqueObservables(observables: readonly Observable[]): Observable[] {
  const seen = new Set<string>();
  const unique: Observable[] = [];
  for (const observable of observables) {
    const key = `${observable.type}\u0000${observable.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(observable);
  }
  return unique;
}
