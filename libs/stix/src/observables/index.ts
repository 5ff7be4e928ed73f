// Observables (addresses, domains, hashes...) named by indicator patterns and SCOs, in one
// canonical type/value scheme that lookups use too. See observable.ts for the scheme.

export { extractObservables, observablesFromPattern } from './extract';
export { observablesFromSco } from './from-sco';
export { canonicalIpv4, canonicalIpv6 } from './ip-address';
export { isObservableTypeName, normalizeObservable, type NormalizedObservable } from './normalize';
export {
  OBSERVABLE_TYPES,
  isObservableType,
  uniqueObservables,
  type Observable,
  type ObservableType,
} from './observable';
