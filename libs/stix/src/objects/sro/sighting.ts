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

/** Values of the hub's custom sighting property `x_hub_sighting_type`. */
export const SIGHTING_TYPES = ['sighting', 'false-positive', 'expiration'] as const;
export type SightingType = (typeof SIGHTING_TYPES)[number];

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
    // The hub's sighting types (as MISP's): a true sighting, a false positive, or the end of the
    // indicator's use; absent means a true sighting, so other tools' sightings read as they meant them.
    x_hub_sighting_type: z.enum(SIGHTING_TYPES).optional(),
  },
  { rules: (sighting) => sighting.requireOrder('first_seen', 'last_seen') },
);

export type Sighting = z.infer<typeof sightingSchema>;
