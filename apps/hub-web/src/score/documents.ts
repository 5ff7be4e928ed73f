import { gql } from '../api/graphql';
import type { StixObject } from '../api/schema-types';

// The score and sighting totals of one object; validated against schema.graphql by documents.spec.ts.

export type ObjectScore = Pick<StixObject, 'score' | 'sightingTotals'>;

export const OBJECT_SCORE = gql<{ object: ObjectScore | null }, { id: string }>(
  `query ObjectScore($id: ID!) { object(id: $id) { score sightingTotals { sightings falsePositives expirations } } }`,
);
