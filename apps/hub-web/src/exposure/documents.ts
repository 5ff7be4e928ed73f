import { gql } from '../api/graphql';
import type { DeclareInventoryInput, Exposure, Inventory, PageInfo, TriageStatus } from '../api/schema-types';

// The documents of the exposure page; validated against schema.graphql by documents.spec.ts.

export type InventoryRow = Pick<Inventory, 'id' | 'name' | 'version' | 'format' | 'componentCount' | 'createdAt'>;
export type ExposureRow = Pick<Exposure, 'id' | 'component' | 'inventory' | 'status' | 'verdict' | 'silenced' | 'matchedBy' | 'matchedAt'> & { vulnerability: Pick<Exposure['vulnerability'], 'id' | 'stix'> };

const INVENTORY_FIELDS = 'id name version format componentCount createdAt';

export const INVENTORIES = gql<{ inventories: InventoryRow[] }>(`query Inventories { inventories { ${INVENTORY_FIELDS} } }`);

export const DECLARE_INVENTORY = gql<{ declareInventory: InventoryRow }, { input: DeclareInventoryInput }>(
  `mutation DeclareInventory($input: DeclareInventoryInput!) { declareInventory(input: $input) { ${INVENTORY_FIELDS} } }`,
);

export const RETIRE_INVENTORY = gql<{ retireInventory: Pick<Inventory, 'id'> }, { id: string }>(`mutation RetireInventory($id: ID!) { retireInventory(id: $id) { id } }`);

export const EXPOSURES = gql<{ exposures: { edges: { cursor: string; node: ExposureRow }[]; pageInfo: PageInfo; totalCount: number } }, { first?: number; after?: string | null }>(
  `query Exposures($first: Int, $after: String) {
  exposures(first: $first, after: $after) {
    edges { cursor node { id component inventory status verdict silenced matchedBy matchedAt vulnerability { id stix } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`,
);

export const TRIAGE_EXPOSURE = gql<{ triageExposure: Pick<Exposure, 'id' | 'status' | 'silenced'> }, { id: string; status: TriageStatus }>(
  `mutation TriageExposure($id: ID!, $status: TriageStatus!) { triageExposure(id: $id, status: $status) { id status silenced } }`,
);
