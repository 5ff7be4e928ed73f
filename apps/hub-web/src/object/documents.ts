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
