import { gql } from '../api/graphql';
import type { ObjectFilterInput, ObjectSource, Organization, PageInfo, StixObject } from '../api/schema-types';

// The feed's documents. Results are typed with the generated schema types; src/documents.spec.ts
// validates every document of every feature against schema.graphql.

export type FeedObject = Pick<StixObject, 'id' | 'type' | 'tlp' | 'labels' | 'revoked' | 'modified' | 'dateAdded' | 'stix'> & {
  source: Pick<ObjectSource, 'name' | 'anonymous' | 'organizationId'> | null;
};

/** The fields of an object as the feed lists it; the object page and look-up show the same. */
export const FEED_FIELDS = `id type tlp labels revoked modified dateAdded stix source { name anonymous organizationId }`;

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

export const ORGANIZATIONS = gql<{ organizations: Pick<Organization, 'id' | 'name'>[] }>(`query Organizations { organizations { id name } }`);
