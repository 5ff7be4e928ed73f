import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';
import { idSchema } from '../../shared/input-validation';

@InputType()
export class CreateSharingGroupInput {
  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [ID], { description: 'The member organisations (may be empty, and completed later)' })
  organizationIds: string[];
}

@InputType({ description: 'Only the fields given are changed' })
export class UpdateSharingGroupInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'An empty text removes the description' })
  description?: string | null;
}

const groupNameSchema = z.string('must be text').trim().min(2, 'must have at least 2 characters').max(200, 'must have at most 200 characters');
const descriptionSchema = z.string('must be text').trim().max(2000, 'must have at most 2000 characters');
export const organizationIdsSchema = z.array(idSchema).max(1000, 'must list at most 1000 organisations');

export const createSharingGroupSchema = z.object({
  name: groupNameSchema,
  description: descriptionSchema.nullish(),
  organizationIds: organizationIdsSchema,
});

export const updateSharingGroupSchema = z.object({ name: groupNameSchema.nullish(), description: descriptionSchema.nullish() });
