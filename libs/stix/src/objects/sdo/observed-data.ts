// Observed Data (spec 4.14): raw cyber observables seen by a system or sensor, over a period of time.
import { z } from 'zod';
import { parseStixId } from '../../ids';
import { defineDomainObject } from '../define';
import { kindOfType } from '../object-types';
import {
  identifier,
  integer,
  isRecord,
  nonEmptyList,
  referenceToKinds,
  timestamp,
} from '../properties';

/** Spec: "objects" (deprecated) embeds the observables; "object_refs" points at SCOs and SROs. */
const embeddedObservables = z.record(z.string(), z.looseObject({ type: z.string() }));

export const observedDataSchema = defineDomainObject(
  'observed-data',
  {
    first_observed: timestamp,
    last_observed: timestamp,
    number_observed: integer.min(1).max(999_999_999),
    objects: embeddedObservables.optional(),
    object_refs: nonEmptyList(identifier(referenceToKinds(['sco', 'sro', 'custom'], 'a cyber-observable or relationship object'))).optional(),
  },
  {
    rules: (observed) => {
      observed.requireOrder('first_observed', 'last_observed');
      observed.requireExactlyOne(['objects', 'object_refs']);
      // Spec 4.14: relationships may link the observables, but at least one observable must be there.
      const refs = observed.list('object_refs');
      const observesSomething = refs?.some((ref) => {
        const type = typeof ref === 'string' ? parseStixId(ref)?.type : undefined;
        return type !== undefined && kindOfType(type) !== 'sro';
      });
      if (refs && refs.length > 0 && !observesSomething) observed.error('object_refs', 'must contain at least one cyber-observable object');
      const objects = observed.object.objects;
      if (objects !== undefined) {
        observed.warning('objects', 'is deprecated in STIX 2.1; reference SCOs with object_refs instead');
        if (isRecord(objects) && Object.keys(objects).length === 0) observed.error('objects', 'must not be empty');
      }
    },
  },
);

export type ObservedData = z.infer<typeof observedDataSchema>;
