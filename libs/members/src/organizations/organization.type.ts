import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { OrganizationKind } from '@hub/access';
import { JsonScalar } from '@hub/platform';
import { OrganizationKindEnum, OrganizationSizeEnum, SectorEnum } from '../shared/enums';
import type { OrganizationEntity } from './organization.entity';
import type { Sector } from './sector';
import type { OrganizationSize } from './size';
import type { OrganizationIdentity } from './stix-identity';

@ObjectType('Organization', { description: 'A member organisation of the hub' })
export class OrganizationType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKind;

  @Field(() => SectorEnum)
  sector: Sector;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; null only for the hub operator until an admin sets it' })
  country: string | null;

  @Field(() => OrganizationSizeEnum, { nullable: true, description: 'Staff size band; null when not given' })
  size: OrganizationSize | null;

  @Field({ description: 'The id of the STIX identity that stands for this organisation' })
  identityId: string;

  @Field(() => JsonScalar, { description: 'The STIX 2.1 identity object (identity_class organization)' })
  identity: OrganizationIdentity;

  @Field({ description: 'Deactivated organisations, their users and their keys cannot sign in or call the hub' })
  active: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  deactivatedAt: Date | null;
}

export function toOrganizationType(entity: OrganizationEntity): OrganizationType {
  return {
    id: entity.id,
    name: entity.name,
    kind: entity.kind,
    sector: entity.sector,
    country: entity.country,
    size: entity.size ?? null,
    identityId: entity.identityId,
    identity: entity.identity,
    active: entity.active,
    createdAt: entity.createdAt,
    deactivatedAt: entity.deactivatedAt,
  };
}
