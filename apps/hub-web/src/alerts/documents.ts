import { gql } from '../api/graphql';
import type { Alert, CreateWatchFilterInput, PageInfo, StixObject, WatchFilter } from '../api/schema-types';

// The documents of the alerts page; validated against schema.graphql by documents.spec.ts.

export type InboxAlert = Pick<Alert, 'id' | 'kind' | 'createdAt' | 'readAt' | 'watchFilterId' | 'watchFilterName' | 'assetMatch'> & { object: Pick<StixObject, 'id' | 'type' | 'tlp' | 'stix'> };

const ALERT_FIELDS = `id kind createdAt readAt watchFilterId watchFilterName assetMatch { assetKind assetValue assetComment matchedType matchedValue } object { id type tlp stix }`;

export const ALERTS = gql<
  { alerts: { edges: { cursor: string; node: InboxAlert }[]; pageInfo: PageInfo; totalCount: number } },
  { unreadOnly?: boolean; first?: number; after?: string | null }
>(`query Alerts($unreadOnly: Boolean, $first: Int, $after: String) {
  alerts(unreadOnly: $unreadOnly, first: $first, after: $after) {
    edges { cursor node { ${ALERT_FIELDS} } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`);

export const UNREAD_ALERTS = gql<{ alerts: { totalCount: number } }>(`query UnreadAlerts { alerts(unreadOnly: true, first: 1) { totalCount } }`);

export const MARK_ALERTS_READ = gql<{ markAlertsRead: number }, { ids: string[] }>(`mutation MarkAlertsRead($ids: [ID!]!) { markAlertsRead(ids: $ids) }`);

export const ALERT_RAISED = gql<{ alertRaised: Pick<Alert, 'id'> }, Record<string, never>>(`subscription AlertRaised { alertRaised { id } }`);

export type SavedWatchFilter = Pick<WatchFilter, 'id' | 'name' | 'createdAt' | 'criteria'>;

const WATCH_FILTER_FIELDS = `id name createdAt criteria { types labels indicatorTypes malwareFamilies tlp observables { type value } }`;

export const WATCH_FILTERS = gql<{ watchFilters: SavedWatchFilter[] }>(`query WatchFilters { watchFilters { ${WATCH_FILTER_FIELDS} } }`);

export const CREATE_WATCH_FILTER = gql<{ createWatchFilter: SavedWatchFilter }, { input: CreateWatchFilterInput }>(
  `mutation CreateWatchFilter($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { ${WATCH_FILTER_FIELDS} } }`,
);

export const DELETE_WATCH_FILTER = gql<{ deleteWatchFilter: boolean }, { id: string }>(`mutation DeleteWatchFilter($id: ID!) { deleteWatchFilter(id: $id) }`);

export const ALERTS_DOCUMENTS = { ALERTS, UNREAD_ALERTS, MARK_ALERTS_READ, ALERT_RAISED, WATCH_FILTERS, CREATE_WATCH_FILTER, DELETE_WATCH_FILTER };
