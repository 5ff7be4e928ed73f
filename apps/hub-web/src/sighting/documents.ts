import { gql } from '../api/graphql';
import type { ReportSightingInput, StixObject } from '../api/schema-types';

// The sighting page's documents; validated against schema.graphql by documents.spec.ts.

export const SIGHTED_OBJECT = gql<{ object: Pick<StixObject, 'id' | 'type' | 'tlp' | 'stix'> | null }, { id: string }>(`query SightedObject($id: ID!) { object(id: $id) { id type tlp stix } }`);

export const REPORT_SIGHTING = gql<{ reportSighting: Pick<StixObject, 'id'> }, { input: ReportSightingInput }>(
  `mutation ReportSighting($input: ReportSightingInput!) { reportSighting(input: $input) { id } }`,
);

export const SIGHTING_DOCUMENTS = { SIGHTED_OBJECT, REPORT_SIGHTING };
