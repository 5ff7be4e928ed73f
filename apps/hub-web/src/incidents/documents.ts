import { gql } from '../api/graphql';
import type { ObjectResult, StixObject, SubmitBundleInput } from '../api/schema-types';

/** Incident reports travel as bundles through the ordinary submission: the same checks as every path. */
export const SUBMIT_INCIDENT = gql<{ submitBundle: { results: Pick<ObjectResult, 'index' | 'status' | 'errors' | 'warnings'>[] } }, { input: SubmitBundleInput }>(
  `mutation SubmitIncident($input: SubmitBundleInput!) { submitBundle(input: $input) { results { index status errors { path message } warnings { path message } } } }`,
);

export const INCIDENT_VERSION = gql<{ object: Pick<StixObject, 'id' | 'type' | 'stix'> | null }, { id: string }>(`query IncidentVersion($id: ID!) { object(id: $id) { id type stix } }`);
