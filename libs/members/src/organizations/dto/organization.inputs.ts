import { Field, InputType } from '@nestjs/graphql';
import type { OrganizationKind } from '@hub/access';
import { z } from 'zod';
import { ORGANIZATION_KINDS, OrganizationKindEnum, OrganizationSizeEnum, SectorEnum } from '../../shared/enums';
import { isIsoCountryCode } from '../country';
import { SECTORS } from '../sector';
import type { Sector } from '../sector';
import { ORGANIZATION_SIZES } from '../size';
import type { OrganizationSize } from '../size';

@InputType()
export class CreateOrganizationInput {
  @Field()
  name: string;

  @Field(() => OrganizationKindEnum)
  kind: OrganizationKind;

  @Field(() => SectorEnum)
  sector: Sector;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. CZ' })
  country: string;

  @Field(() => OrganizationSizeEnum, { nullable: true, description: 'Staff size band (optional)' })
  size?: OrganizationSize | null;
}

@InputType({ description: 'Only the fields given are changed' })
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => OrganizationKindEnum, { nullable: true, description: 'Changes which built-in audience (PUBLIC_SECTOR or PRIVATE_SECTOR) it belongs to' })
  kind?: OrganizationKind | null;

  @Field(() => SectorEnum, { nullable: true })
  sector?: Sector | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => OrganizationSizeEnum, { nullable: true, description: 'Staff size band; once given it can be changed, not removed' })
  size?: OrganizationSize | null;
}

@InputType()
export class OrganizationFilterInput {
  @Field(() => OrganizationKindEnum, { nullable: true })
  kind?: OrganizationKind | null;

  @Field(() => SectorEnum, { nullable: true })
  sector?: Sector | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Admins only; other callers always see active organisations only' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name, case-insensitive' })
  search?: string | null;
}

export const organizationNameSchema = z
  .string('must be text')
  .trim()
  .min(2, 'must have at least 2 characters')
  .max(200, 'must have at most 200 characters')
  .refine((name) => !/[\p{Cc}]/u.test(name), 'must not contain control characters');

export const countrySchema = z
  .string('must be text')
  .trim()
  .toUpperCase()
  .refine(isIsoCountryCode, 'must be an ISO 3166-1 alpha-2 country code, e.g. CZ');

const kindSchema = z.enum(ORGANIZATION_KINDS, 'must be PUBLIC or PRIVATE');
const sectorSchema = z.enum(SECTORS, `must be one of ${SECTORS.join(', ')}`);
const sizeSchema = z.enum(ORGANIZATION_SIZES, `must be one of ${ORGANIZATION_SIZES.join(', ')}`);

export const createOrganizationSchema = z.object({
  name: organizationNameSchema,
  kind: kindSchema,
  sector: sectorSchema,
  country: countrySchema,
  size: sizeSchema.nullish().transform((size) => size ?? null),
});

export const updateOrganizationSchema = z.object({
  name: organizationNameSchema.nullish(),
  kind: kindSchema.nullish(),
  sector: sectorSchema.nullish(),
  country: countrySchema.nullish(),
  size: sizeSchema.nullish(),
});

export const organizationFilterSchema = z
  .object({
    kind: kindSchema.nullish(),
    sector: sectorSchema.nullish(),
    country: countrySchema.nullish(),
    active: z.boolean().nullish(),
    search: z.string().trim().max(200, 'must have at most 200 characters').nullish(),
  })
  .nullish();

export type CreateOrganizationFields = z.output<typeof createOrganizationSchema>;
export type OrganizationFilter = NonNullable<z.output<typeof organizationFilterSchema>>;
