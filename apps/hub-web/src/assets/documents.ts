import { gql } from '../api/graphql';
import type { OrganizationAsset, OrganizationAssetEntryInput } from '../api/schema-types';

// The documents of the organisation assets page; validated against schema.graphql by documents.spec.ts.

export type SavedAsset = Pick<OrganizationAsset, 'id' | 'kind' | 'value' | 'comment'>;

const ASSET_FIELDS = 'id kind value comment';

export const ORGANIZATION_ASSETS = gql<{ organizationAssets: SavedAsset[] }>(`query OrganizationAssets { organizationAssets { ${ASSET_FIELDS} } }`);

export const SET_ORGANIZATION_ASSETS = gql<{ setOrganizationAssets: SavedAsset[] }, { input: { entries: OrganizationAssetEntryInput[] } }>(
  `mutation SetOrganizationAssets($input: SetOrganizationAssetsInput!) { setOrganizationAssets(input: $input) { ${ASSET_FIELDS} } }`,
);
