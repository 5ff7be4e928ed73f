import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '@hub/access';
import { ConnectionType } from '@hub/platform';
import { OrganizationType, toOrganizationType } from '../organizations/organization.type';
import { RoleEnum } from '../shared/enums';
import type { UserEntity } from './user.entity';

@ObjectType('User', { description: 'A person: belongs to one organisation and has one role' })
export class UserType {
  @Field(() => ID)
  id: string;

  @Field()
  email: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field({ description: 'Deactivated users cannot sign in; their tokens and keys stop working at once' })
  active: boolean;

  @Field(() => OrganizationType)
  organization: OrganizationType;

  @Field({ description: 'The password was set by an admin; until the person changes it, only `me`, `changePassword` and signing in or out work' })
  mustChangePassword: boolean;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  lastLoginAt: Date | null;
}

@ObjectType()
export class UserConnection extends ConnectionType(UserType, 'User') {}

/** The entity must have been loaded with its organisation. */
export function toUserType(entity: UserEntity): UserType {
  return {
    id: entity.id,
    email: entity.email,
    role: entity.role,
    active: entity.active,
    organization: toOrganizationType(entity.organization),
    mustChangePassword: entity.mustChangePassword,
    createdAt: entity.createdAt,
    lastLoginAt: entity.lastLoginAt,
  };
}
