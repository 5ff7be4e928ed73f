import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrganizationType, toOrganizationType } from '../organizations/organization.type';
import type { SharingGroupEntity } from './sharing-group.entity';

@ObjectType('SharingGroup', { description: 'A named set of organisations that can be the audience of AMBER objects' })
export class SharingGroupType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => [OrganizationType], {
    nullable: true,
    description: 'The members; shown to admins and to members of the group, null for everyone else',
  })
  organizations: OrganizationType[] | null;

  @Field(() => Int, { description: 'How many active organisations belong to the group' })
  memberCount: number;

  @Field()
  createdAt: Date;
}

/** `showMembers`: whether this viewer may see who belongs to the group; non-admins never see deactivated members. */
export function toSharingGroupType(entity: SharingGroupEntity, showMembers: boolean, showInactive: boolean): SharingGroupType {
  const members = [...entity.organizations]
    .filter((organization) => showInactive || organization.active)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    id: entity.id,
    name: entity.name,
    description: entity.description,
    organizations: showMembers ? members.map(toOrganizationType) : null,
    memberCount: entity.organizations.filter((organization) => organization.active).length,
    createdAt: entity.createdAt,
  };
}
