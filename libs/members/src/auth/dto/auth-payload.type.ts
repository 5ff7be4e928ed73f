import { Field, ObjectType } from '@nestjs/graphql';
import { UserType } from '../../users/user.type';

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field({ description: 'Send as `Authorization: Bearer <token>`' })
  token: string;

  @Field({ description: 'One hour after sign-in' })
  expiresAt: Date;

  @Field(() => UserType)
  user: UserType;
}
