// Observables held by a STIX Cyber-observable Object, with the same type/value scheme as
// observables extracted from patterns (see observable.ts), so an SCO shared by one
// member and an indicator pattern shared by another meet on the same (type, value).

import { canonicalHashAlgorithmName, printObjectPath, type PathStep } from '../pattern';
import { normalizeObservable } from './normalize';
import { uniqueObservables, type Observable, type ObservableType } from './observable';

const VALUE_TYPES: ReadonlySet<string> = new Set([
  'ipv4-addr',
  'ipv6-addr',
  'domain-name',
  'url',
  'email-addr',
  'mac-addr',
]);
const HASHED_TYPES: ReadonlySet<string> = new Set(['file', 'artifact', 'x509-certificate']);

/**
 * Observables of one SCO (a parsed JSON object): `value` of address-like objects,
 * `number` of autonomous-system, `hashes` of file / artifact / x509-certificate and
 * `serial_number` of x509-certificate. Values that do not normalise are skipped.
 */
export function observablesFromSco(sco: Readonly<Record<string, unknown>>): Observable[] {
  if (typeof sco !== 'object' || sco === null) return [];
  const type = sco['type'];
  if (typeof type !== 'string') return [];
  const found: Observable[] = [];
  const add = (observableType: ObservableType, raw: unknown, steps: PathStep[], hashAlgorithm?: string) => {
    if (typeof raw !== 'string' && typeof raw !== 'number') return;
    const normalized = normalizeObservable(observableType, String(raw));
    if ('error' in normalized) return;
    const path = printObjectPath({ objectType: type, steps, offset: 0 });
    found.push({ ...normalized, path, ...(hashAlgorithm ? { hashAlgorithm } : {}) });
  };

  if (VALUE_TYPES.has(type)) add(type as ObservableType, sco['value'], [{ kind: 'property', name: 'value' }]);
  if (type === 'autonomous-system') add(type, sco['number'], [{ kind: 'property', name: 'number' }]);
  if (HASHED_TYPES.has(type)) {
    const hashes = sco['hashes'];
    if (typeof hashes === 'object' && hashes !== null && !Array.isArray(hashes)) {
      for (const [algorithm, hash] of Object.entries(hashes)) {
        const steps: PathStep[] = [
          { kind: 'property', name: 'hashes' },
          { kind: 'property', name: algorithm },
        ];
        if (typeof hash === 'string') add(type as ObservableType, hash, steps, canonicalHashAlgorithmName(algorithm));
      }
    }
  }
  if (type === 'x509-certificate') add(type, sco['serial_number'], [{ kind: 'property', name: 'serial_number' }]);
  return uniqueObservables(found);
}
