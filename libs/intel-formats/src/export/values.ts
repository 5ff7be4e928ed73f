// Plain lists, one value per line, for firewalls and proxies that import block lists (and for the hash
// list files that Suricata's filemd5/filesha1/filesha256 keywords read).
import type { ObservableType } from '@hub/stix';
import type { AnyIterable } from '../common/iterables';
import { exportItems } from './items';

export interface ValueListOptions {
  /** Observable types to list; all by default. */
  types?: readonly ObservableType[];
  /** For `file` values: only hashes of these algorithms (e.g. ['MD5']). */
  hashAlgorithms?: readonly string[];
}

/**
 * Distinct values, one per line (LF). Memory grows with the number of distinct values only. Canonical
 * values hold no whitespace, so a line is always exactly one value.
 */
export async function* writeValueList(input: AnyIterable<unknown>, options: ValueListOptions = {}): AsyncGenerator<string> {
  const seen = new Set<string>();
  for await (const { observable } of exportItems(input)) {
    if (options.types && !options.types.includes(observable.type)) continue;
    if (options.hashAlgorithms && !(observable.hashAlgorithm && options.hashAlgorithms.includes(observable.hashAlgorithm))) continue;
    if (/\s/.test(observable.value)) continue;
    const value = observable.type === 'domain-name' ? asciiDomain(observable.value) : observable.value;
    const key = `${observable.type}\u0000${value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield `${value}\n`;
  }
}

/**
 * A domain as firewalls and proxies read block lists: ASCII, an IDN in its punycode form (as the
 * RPZ and the rules write it); kept as stored when it cannot be written so.
 */
function asciiDomain(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain;
  }
}
