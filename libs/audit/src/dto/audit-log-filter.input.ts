import { Field, ID, InputType } from '@nestjs/graphql';
import { z } from 'zod';

@InputType()
export class AuditLogFilterInput {
  @Field(() => String, { nullable: true, description: 'Exact action, e.g. auth.login' })
  action?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person who acted (for a key: the person who made it)' })
  actorUserId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The organisation of whoever acted' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'The id of the thing acted on' })
  targetId?: string | null;

  @Field(() => String, { nullable: true, description: 'success, failure or denied' })
  outcome?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive)' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive)' })
  until?: Date | null;
}

const id = z.uuid('must be an id returned by the hub');
const date = z.date('must be a date and time').refine((value) => !Number.isNaN(value.getTime()), 'must be a date and time');

export const auditLogFilterSchema = z
  .object({
    action: z.string().trim().min(1, 'must not be empty').max(100, 'must have at most 100 characters').nullish(),
    actorUserId: id.nullish(),
    organizationId: id.nullish(),
    targetId: z.string().trim().min(1, 'must not be empty').max(200, 'must have at most 200 characters').nullish(),
    outcome: z.enum(['success', 'failure', 'denied'], 'must be success, failure or denied').nullish(),
    since: date.nullish(),
    until: date.nullish(),
  })
  .refine((filter) => !filter.since || !filter.until || filter.since < filter.until, { path: ['until'], message: 'must be after since' })
  .nullish();

export const pageSizeSchema = z.number().int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200');
