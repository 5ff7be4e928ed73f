import { Field, InputType } from '@nestjs/graphql';
import type { KeyDistribution } from '@hub/access';
import { z } from 'zod';
import { KEY_DISTRIBUTIONS, KeyDistributionEnum } from '../../shared/enums';

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'What the key is for, e.g. "SIEM export"' })
  name: string;

  @Field(() => KeyDistributionEnum, { nullable: true, defaultValue: 'INTERNAL' })
  distribution?: KeyDistribution | null;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; none: until revoked' })
  expiresAt?: Date | null;
}

export const createApiKeySchema = z.object({
  name: z.string('must be text').trim().min(1, 'must not be empty').max(100, 'must have at most 100 characters'),
  distribution: z
    .enum(KEY_DISTRIBUTIONS, 'must be INTERNAL or CLIENTS')
    .nullish()
    .transform((value) => value ?? 'INTERNAL'),
  expiresAt: z
    .union([z.date(), z.iso.datetime({ offset: true }).transform((text) => new Date(text))], 'must be a date and time, e.g. 2030-01-31T00:00:00Z')
    .nullish()
    .refine((date) => !date || (!Number.isNaN(date.getTime()) && date.getTime() > Date.now()), 'must be in the future'),
});
