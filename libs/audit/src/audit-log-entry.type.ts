import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType, JsonScalar } from '@hub/platform';
import type { AuditLogEntity } from './audit-log.entity';

@ObjectType('AuditLogEntry', { description: 'One audited action' })
export class AuditLogEntryType {
  @Field(() => ID)
  id: string;

  @Field()
  occurredAt: Date;

  @Field({ description: 'e.g. auth.login, api_key.use, organization.create, access.denied' })
  action: string;

  @Field({ description: 'success, failure or denied' })
  outcome: string;

  @Field({ description: 'user, key, anonymous or system (first start, command line)' })
  actorKind: string;

  @Field(() => ID, { nullable: true })
  actorUserId: string | null;

  @Field(() => ID, { nullable: true })
  actorOrganizationId: string | null;

  @Field(() => ID, { nullable: true })
  actorKeyId: string | null;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => String, { nullable: true, description: 'The client address' })
  ip: string | null;

  @Field(() => JsonScalar)
  details: Record<string, unknown>;
}

@ObjectType()
export class AuditLogConnection extends ConnectionType(AuditLogEntryType, 'AuditLogEntry') {}

export function toAuditLogEntryType(entity: AuditLogEntity): AuditLogEntryType {
  const { seq: _seq, ...entry } = entity;
  return entry;
}
