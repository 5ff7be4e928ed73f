import { gql } from './graphql';
import type { ObjectFilterInput, ObjectSource, ObservableMatch, Organization, PageInfo, SharingGroup, StixObject, SubmitIndicatorInput, User } from './schema-types';

// Every document the console sends. Results are typed with the generated schema types; the unit test
// documents.spec.ts validates each document against schema.graphql.

export type FeedObject = Pick<StixObject, 'id' | 'type' | 'tlp' | 'labels' | 'revoked' | 'modified' | 'dateAdded' | 'stix'> & {
  source: Pick<ObjectSource, 'name' | 'anonymous' | 'organizationId'> | null;
};

const FEED_FIELDS = `id type tlp labels revoked modified dateAdded stix source { name anonymous organizationId }`;

export const ME = gql<{ me: Pick<User, 'id' | 'email' | 'role'> & { organization: Pick<Organization, 'id' | 'name'> } }>(
  `query Me { me { id email role organization { id name } } }`,
);

export const FEED = gql<
  { objects: { edges: { cursor: string; node: FeedObject }[]; pageInfo: PageInfo } },
  { filter?: ObjectFilterInput; first?: number; after?: string | null }
>(`query Feed($filter: ObjectFilterInput, $first: Int, $after: String) {
  objects(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${FEED_FIELDS} } }
    pageInfo { hasNextPage endCursor }
  }
}`);

export const OBJECT_ADDED = gql<{ objectAdded: Pick<StixObject, 'id'> }, { filter?: ObjectFilterInput }>(
  `subscription ObjectAdded($filter: ObjectFilterInput) { objectAdded(filter: $filter) { id } }`,
);

export type ObjectDetail = FeedObject & Pick<StixObject, 'created' | 'specVersion'> & { source: Pick<ObjectSource, 'name' | 'anonymous' | 'organizationId' | 'sector' | 'country'> | null };

export const OBJECT = gql<{ object: ObjectDetail | null }, { id: string }>(
  `query StixObjectPage($id: ID!) { object(id: $id) { ${FEED_FIELDS} created specVersion source { name anonymous organizationId sector country } } }`,
);

export const REVOKE_OBJECT = gql<{ revokeObject: Pick<StixObject, 'id' | 'revoked'> }, { id: string }>(
  `mutation RevokeObject($id: ID!) { revokeObject(id: $id) { id revoked } }`,
);

export const SUBMIT_INDICATOR = gql<{ submitIndicator: Pick<StixObject, 'id'> }, { input: SubmitIndicatorInput }>(
  `mutation SubmitIndicator($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }`,
);

export type LookupMatch = Pick<ObservableMatch, 'type' | 'value' | 'sightingCount'> & {
  indicators: FeedObject[];
  observables: FeedObject[];
  sightings: Pick<StixObject, 'id'>[];
};

export const LOOKUP = gql<{ lookupObservable: LookupMatch }, { type: string; value: string }>(
  `query Lookup($type: String!, $value: String!) {
    lookupObservable(type: $type, value: $value) {
      type value sightingCount
      indicators { ${FEED_FIELDS} }
      observables { ${FEED_FIELDS} }
      sightings { id }
    }
  }`,
);

export const AUDIENCE_CHOICES = gql<{ organizations: Pick<Organization, 'id' | 'name'>[]; sharingGroups: Pick<SharingGroup, 'id' | 'name'>[] }>(
  `query AudienceChoices { organizations { id name } sharingGroups { id name } }`,
);

export const ORGANIZATIONS = gql<{ organizations: Pick<Organization, 'id' | 'name'>[] }>(`query Organizations { organizations { id name } }`);

export const ALL_DOCUMENTS = { ME, FEED, OBJECT_ADDED, OBJECT, REVOKE_OBJECT, SUBMIT_INDICATOR, LOOKUP, AUDIENCE_CHOICES, ORGANIZATIONS };
