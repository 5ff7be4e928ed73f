// Helpers for producers: new SDOs and SROs with the defaults STIX expects (a random UUIDv4 id, spec_version
// 2.1, and created = modified at millisecond precision).
import { newStixId } from './ids';
import type { SdoType, SroType } from './objects/object-types';
import type { StixObjectsByType } from './objects/registry';
import { formatStixTimestamp } from './timestamps';

type GeneratedProperty = 'type' | 'id' | 'spec_version' | 'created' | 'modified';

/** The properties a schema declares, without the index signature that custom properties add. */
type DeclaredKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: never };

/**
 * What a caller supplies to build an object of type T: its own properties (required ones included),
 * optionally an id or timestamps to override the defaults, and any custom properties.
 */
export type NewObjectProperties<T> = Pick<T, Exclude<DeclaredKeys<T>, GeneratedProperty>> &
  Partial<Pick<T, Extract<DeclaredKeys<T>, 'id' | 'created' | 'modified'>>> & { [custom: string]: unknown };

/**
 * Builds a STIX domain (or relationship) object of `type` from `properties`, filling in `id`, `spec_version`,
 * `created` and `modified`. The result is not validated: pass it to validateObject when it comes from input.
 */
export function newSdo<T extends SdoType | SroType>(
  type: T,
  properties: NewObjectProperties<StixObjectsByType[T]>,
  now: Date = new Date(),
): StixObjectsByType[T] {
  const timestamp = formatStixTimestamp(now);
  return {
    type,
    spec_version: '2.1',
    id: newStixId(type),
    created: timestamp,
    modified: timestamp,
    ...properties,
  } as unknown as StixObjectsByType[T];
}
