import { HubError } from '@hub/platform';
import { normalizeObservable } from '@hub/stix';

/** The observable as the hub indexes it, or a BAD_USER_INPUT error saying what is wrong with it. */
export function normalizedObservable(type: string, value: string, path = 'value'): { type: string; value: string } {
  const normalized = normalizeObservable(type, value);
  if ('error' in normalized) {
    throw HubError.badInput(`Cannot look up ${type} "${value}": ${normalized.error}`, [{ path, message: normalized.error }]);
  }
  return normalized;
}

export function isAddressType(type: string): boolean {
  return type === 'ipv4-addr' || type === 'ipv6-addr';
}
