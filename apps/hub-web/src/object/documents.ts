import { gql } from '../api/graphql';
import type { ObjectSource, StixObject } from '../api/schema-types';
import { FEED_FIELDS } from '../feed/documents';
import type { FeedObject } from '../feed/documents';

export type ObjectDetail = FeedObject & Pick<StixObject, 'created' | 'specVersion'> & { source: Pick<ObjectSource, 'name' | 'anonymous' | 'organizationId' | 'sector' | 'country'> | null };

export const OBJECT = gql<{ object: ObjectDetail | null }, { id: string }>(
  `query StixObjectPage($id: ID!) { object(id: $id) { ${FEED_FIELDS} created specVersion source { name anonymous organizationId sector country } } }`,
);

export const REVOKE_OBJECT = gql<{ revokeObject: Pick<StixObject, 'id' | 'revoked'> }, { id: string }>(
  `mutation RevokeObject($id: ID!) { revokeObject(id: $id) { id revoked } }`,
);

export type ObjectVersion = Pick<StixObject, 'modified' | 'dateAdded' | 'tlp' | 'revoked'> & { source: Pick<ObjectSource, 'name' | 'anonymous'> | null };

export const OBJECT_VERSIONS = gql<{ object: { versionCount: number; versions: ObjectVersion[] } | null }, { id: string }>(
  `query StixObjectVersions($id: ID!) { object(id: $id) { versionCount versions(first: 50) { modified dateAdded tlp revoked source { name anonymous } } } }`,
);

export type RelatedObject = Pick<StixObject, 'id' | 'tlp' | 'stix'>;

export const OBJECT_RELATIONSHIPS = gql<{ object: { relationships: { totalCount: number; edges: { node: RelatedObject }[] } } | null }, { id: string }>(
  `query StixObjectRelationships($id: ID!) { object(id: $id) { relationships(first: 100) { totalCount edges { node { id tlp stix } } } } }`,
);

export type ObjectSighting = Pick<StixObject, 'id' | 'tlp' | 'dateAdded' | 'stix'> & { source: Pick<ObjectSource, 'name' | 'anonymous'> | null };

export const OBJECT_SIGHTINGS = gql<{ object: { sightings: { totalCount: number; edges: { node: ObjectSighting }[] } } | null }, { id: string }>(
  `query StixObjectSightings($id: ID!) { object(id: $id) { sightings(first: 50) { totalCount edges { node { id tlp dateAdded stix source { name anonymous } } } } } }`,
);

/** The other end of a relationship, to name it on the graph (null when it is no stored object, e.g. a member's identity). */
export const RELATED_END = gql<{ object: Pick<StixObject, 'id' | 'stix'> | null }, { id: string }>(`query RelatedEnd($id: ID!) { object(id: $id) { id stix } }`);
