import { gql } from '../api/graphql';
import type { ObservableMatch, StixObject } from '../api/schema-types';
import { FEED_FIELDS } from '../feed/documents';
import type { FeedObject } from '../feed/documents';

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
