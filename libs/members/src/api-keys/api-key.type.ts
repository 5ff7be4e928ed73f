import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { KeyDistribution } from '@hub/access';
import { KeyDistributionEnum } from '../shared/enums';
import type { ApiKeyEntity } from './api-key.entity';

@ObjectType('ApiKey', { description: 'An API key of an organisation. The key itself is shown only once, by createApiKey.' })
export class ApiKeyType {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field({ description: 'The first characters of the key, to recognise it (e.g. hubk_AbCd1234)' })
  prefix: string;

  @Field(() => KeyDistributionEnum)
  distribution: KeyDistribution;

  @Field(() => ID)
  organizationId: string;

  @Field(() => ID, { description: 'The person who made it; the key acts with this person’s current role' })
  createdByUserId: string;

  @Field({ description: 'E-mail address of the person who made it' })
  createdByEmail: string;

  @Field()
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field({ description: 'Neither revoked nor expired' })
  active: boolean;
}

@ObjectType('ApiKeyCreated')
export class ApiKeyCreatedType {
  @Field({ description: 'The key: shown now and never again; keep it in a secret store' })
  key: string;

  @Field(() => ApiKeyType)
  apiKey: ApiKeyType;
}

/** The entity must have been loaded with its creator. */
export function toApiKeyType(entity: ApiKeyEntity, now: Date = new Date()): ApiKeyType {
  return {
    id: entity.id,
    name: entity.name,
    prefix: entity.displayPrefix,
    distribution: entity.distribution,
    organizationId: entity.organizationId,
    createdByUserId: entity.createdByUserId,
    createdByEmail: entity.createdBy.email,
    createdAt: entity.createdAt,
    expiresAt: entity.expiresAt,
    lastUsedAt: entity.lastUsedAt,
    revokedAt: entity.revokedAt,
    active: !entity.revokedAt && (!entity.expiresAt || entity.expiresAt > now),
  };
}
