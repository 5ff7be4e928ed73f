// Hash algorithms whose values have a fixed hex length, for checking `hashes.X = '...'`
// comparisons and for naming hash observables. Keys are matched case-insensitively and
// without '-' (as the OASIS cti-pattern-validator does), so `hashes.sha256`,
// `hashes.'SHA-256'` and `hashes.'sha-256'` all mean SHA-256.

export interface HashAlgorithm {
  /** Name as written in the STIX 2.1 hash-algorithm-ov vocabulary, e.g. `SHA-256`. */
  name: string;
  /** Number of hex digits in a value. */
  hexLength: number;
}

const FIXED_LENGTH_ALGORITHMS: readonly HashAlgorithm[] = [
  // STIX 2.1 hash-algorithm-ov
  { name: 'MD5', hexLength: 32 },
  { name: 'SHA-1', hexLength: 40 },
  { name: 'SHA-256', hexLength: 64 },
  { name: 'SHA-512', hexLength: 128 },
  { name: 'SHA3-256', hexLength: 64 },
  { name: 'SHA3-512', hexLength: 128 },
  // Further fixed-length algorithms the OASIS validator also checks.
  { name: 'SHA-224', hexLength: 56 },
  { name: 'SHA-384', hexLength: 96 },
  { name: 'SHA3-224', hexLength: 56 },
  { name: 'SHA3-384', hexLength: 96 },
  { name: 'RIPEMD-160', hexLength: 40 },
  { name: 'WHIRLPOOL', hexLength: 128 },
];

/** Vocabulary names whose values are not plain fixed-length hex. */
const OTHER_ALGORITHM_NAMES = ['SSDEEP', 'TLSH'];

function lookupKey(key: string): string {
  return key.toUpperCase().replace(/-/g, '');
}

const FIXED_BY_KEY: ReadonlyMap<string, HashAlgorithm> = new Map(
  FIXED_LENGTH_ALGORITHMS.map((algorithm) => [lookupKey(algorithm.name), algorithm]),
);

const CANONICAL_NAME_BY_KEY: ReadonlyMap<string, string> = new Map([
  ...FIXED_LENGTH_ALGORITHMS.map((algorithm): [string, string] => [lookupKey(algorithm.name), algorithm.name]),
  ...OTHER_ALGORITHM_NAMES.map((name): [string, string] => [lookupKey(name), name]),
]);

/** The fixed-length algorithm a `hashes` key names, if any. */
export function fixedLengthHashAlgorithm(key: string): HashAlgorithm | undefined {
  return FIXED_BY_KEY.get(lookupKey(key));
}

/** `sha256` -> `SHA-256`; keys of unknown algorithms are returned unchanged. */
export function canonicalHashAlgorithmName(key: string): string {
  return CANONICAL_NAME_BY_KEY.get(lookupKey(key)) ?? key;
}

/** True when `value` is exactly `hexLength` hex digits. */
export function isHexOfLength(value: string, hexLength: number): boolean {
  if (value.length !== hexLength) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const hex = (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    if (!hex) return false;
  }
  return true;
}
