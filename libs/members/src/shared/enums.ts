import { registerEnumType } from '@nestjs/graphql';
import type { KeyDistribution, OrganizationKind, Role } from '@hub/access';
import { SECTORS } from '../organizations/sector';
import type { Sector } from '../organizations/sector';
import { ORGANIZATION_SIZES } from '../organizations/size';
import type { OrganizationSize } from '../organizations/size';

export const ROLES = ['MEMBER', 'ANALYST', 'FOCAL_POINT', 'ADMIN'] as const satisfies readonly Role[];
export const ORGANIZATION_KINDS = ['PUBLIC', 'PRIVATE'] as const satisfies readonly OrganizationKind[];
export const KEY_DISTRIBUTIONS = ['INTERNAL', 'CLIENTS'] as const satisfies readonly KeyDistribution[];

/** GraphQL enums need an object of name → value; ours are the same strings the database and @hub/access use. */
function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { [K in T]: K };
}

export const RoleEnum = enumObject(ROLES);
export const OrganizationKindEnum = enumObject(ORGANIZATION_KINDS);
export const KeyDistributionEnum = enumObject(KEY_DISTRIBUTIONS);
export const SectorEnum = enumObject<Sector>(SECTORS);
export const OrganizationSizeEnum = enumObject<OrganizationSize>(ORGANIZATION_SIZES);

registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'MEMBER submits and reads; ANALYST curates; FOCAL_POINT follows trends; ADMIN runs the hub. No role reads more content than another.',
});
registerEnumType(OrganizationKindEnum, { name: 'OrganizationKind', description: 'PUBLIC (ministries, CSIRTs, public hospitals) or PRIVATE' });
registerEnumType(KeyDistributionEnum, {
  name: 'KeyDistribution',
  description: 'INTERNAL: used inside the organisation; CLIENTS: forwarded to its clients, so never given AMBER+STRICT or RED',
});
registerEnumType(SectorEnum, { name: 'Sector', description: 'The member sector of an organisation' });
registerEnumType(OrganizationSizeEnum, {
  name: 'OrganizationSize',
  description: 'Staff head count: MICRO under 10, SMALL 10 to 49, MEDIUM 50 to 249, LARGE 250 or more (the EU SME bands)',
});
