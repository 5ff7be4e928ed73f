import { Field, ID, InputType } from '@nestjs/graphql';
import type { Role } from '@hub/access';
import { z } from 'zod';
import { idSchema } from '../../shared/input-validation';
import { ROLES, RoleEnum } from '../../shared/enums';
import { emailSchema } from '../email';
import { passwordProblems } from '../password-policy';

@InputType()
export class CreateUserInput {
  @Field()
  email: string;

  @Field({ description: 'At least 12 characters; give it to the person over a separate channel' })
  password: string;

  @Field(() => RoleEnum)
  role: Role;

  @Field(() => ID)
  organizationId: string;
}

@InputType()
export class UserFilterInput {
  @Field(() => ID, { nullable: true })
  organizationId?: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role?: Role | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the e-mail address, case-insensitive' })
  search?: string | null;
}

export const roleSchema = z.enum(ROLES, `must be one of ${ROLES.join(', ')}`);

/** A new password, checked against the policy (and against the e-mail address when known). */
export function newPasswordSchema(email?: string) {
  return z.string('must be text').superRefine((password, context) => {
    for (const problem of passwordProblems(password, email)) context.addIssue({ code: 'custom', message: problem });
  });
}

export const createUserSchema = z
  .object({ email: emailSchema, password: z.string('must be text'), role: roleSchema, organizationId: idSchema })
  .superRefine((user, context) => {
    for (const problem of passwordProblems(user.password, user.email)) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export const userFilterSchema = z
  .object({
    organizationId: idSchema.nullish(),
    role: roleSchema.nullish(),
    active: z.boolean().nullish(),
    search: z.string().trim().max(254, 'must have at most 254 characters').nullish(),
  })
  .nullish();
