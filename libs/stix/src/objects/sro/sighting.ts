// Sighting (spec 5.2): the belief that something in CTI (an indicator, malware, ...) was seen.
import { z } from 'zod';
import { defineRelationshipObject } from '../define';
import {
  identifier,
  integer,
  nonEmptyList,
  referenceTo,
  referenceToKinds,
  timestamp,
} from '../properties';

export const sightingSchema = defineRelationshipObject(
  'sighting',
  {
    description: z.string().optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
    count: integer.min(0).max(999_999_999).optional(),
    sighting_of_ref: identifier(referenceToKinds(['sdo', 'custom'], 'an SDO')),
    observed_data_refs: nonEmptyList(identifier(referenceTo(['observed-data']))).optional(),
    where_sighted_refs: nonEmptyList(identifier(referenceTo(['identity', 'location']))).optional(),
    summary: z.boolean().optional(),
  },
  { rules: (sighting) => sighting.requireOrder('first_seen', 'last_seen') },
);

export type Sighting = z.infer<typeof sightingSchema>;
