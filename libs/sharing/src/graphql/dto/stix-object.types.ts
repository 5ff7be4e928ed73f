import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { JsonScalar as GraphQLJSON, PageInfo } from '@hub/platform';
import { BuiltInAudienceValue, SubmissionStatus, TlpLevel } from './sharing.enums';

@ObjectType('Pseudonym', { description: 'The identity that stands for an anonymous source: a group of at least k member organisations (hub setting HUB_TREND_K)' })
export class PseudonymModel {
  @Field({ description: 'The STIX identity in created_by_ref' })
  identityId: string;

  @Field({ description: 'e.g. "Anonymous pharmaceutical company, FR", "Anonymous pharmaceutical company" or "Anonymous member"' })
  name: string;

  @Field(() => String, { nullable: true, description: 'The sector the group shares; null when it is every member' })
  sector: string | null;

  @Field(() => String, { nullable: true, description: 'The country the group shares; null when it is not named' })
  country: string | null;
}

@ObjectType({
  description:
    'Who shared an object. For an anonymous submission seen from outside its source: its pseudonym, fixed when the object was first submitted (a group of at least k member organisations).',
})
export class ObjectSource {
  @Field(() => ID, { nullable: true, description: 'null when the source is anonymous to you' })
  organizationId: string | null;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'PUBLIC or PRIVATE; null when the source is anonymous to you' })
  kind: string | null;

  @Field(() => String, { nullable: true, description: 'For an anonymous source seen from outside: the sector its pseudonym names (null when it names none)' })
  sector: string | null;

  @Field(() => String, { nullable: true, description: 'For an anonymous source seen from outside: the country its pseudonym names (null when it names none)' })
  country: string | null;

  @Field({ description: 'The STIX identity in created_by_ref' })
  identityId: string;

  @Field()
  anonymous: boolean;

  @Field(() => PseudonymModel, { nullable: true, description: 'For an anonymous object: the pseudonym everyone outside the source sees (the source sees it too); null for a named one' })
  pseudonym: PseudonymModel | null;
}

@ObjectType({ description: 'The audience an object was shared with; shown to its source organisation only' })
export class ObjectAudience {
  @Field(() => [ID])
  organizationIds: string[];

  @Field(() => [ID])
  sharingGroupIds: string[];

  @Field(() => [BuiltInAudienceValue])
  audiences: BuiltInAudienceValue[];

  @Field(() => [ID])
  userIds: string[];
}

@ObjectType('StixObject', { description: 'One version of a STIX object, as the viewer may see it' })
export class StixObjectModel {
  @Field(() => ID, { description: 'The STIX id' })
  id: string;

  @Field()
  type: string;

  @Field()
  specVersion: string;

  @Field(() => Date, { nullable: true, description: 'null for cyber observables, which have no created time' })
  created: Date | null;

  @Field(() => Date, { nullable: true })
  modified: Date | null;

  @Field()
  revoked: boolean;

  @Field(() => TlpLevel)
  tlp: TlpLevel;

  @Field(() => Date, { description: 'When the hub received this version' })
  dateAdded: Date;

  @Field(() => [String])
  labels: string[];

  @Field(() => ObjectSource, { nullable: true })
  source: ObjectSource | null;

  @Field(() => ObjectAudience, { nullable: true })
  audience: ObjectAudience | null;

  @Field(() => GraphQLJSON, { description: 'The STIX 2.1 JSON of this version' })
  stix: Record<string, unknown>;

  /** The stored row of this version (not in the schema): lets other features resolve fields of it. */
  pk?: string;
}

@ObjectType()
export class StixObjectEdge {
  @Field()
  cursor: string;

  @Field(() => StixObjectModel)
  node: StixObjectModel;
}

@ObjectType()
export class StixObjectConnection {
  @Field(() => [StixObjectEdge])
  edges: StixObjectEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Counted only when asked for: a count walks every readable row. */
  countReadable: () => Promise<number>;
}

@ObjectType()
export class FieldIssueModel {
  @Field()
  path: string;

  @Field()
  message: string;

  @Field(() => String, { nullable: true, description: 'The warninglist that matched, when the issue comes from one' })
  list?: string | null;
}

@ObjectType('ObjectResult')
export class ObjectResultModel {
  @Field(() => Int, { description: 'Position in the bundle' })
  index: number;

  @Field(() => String, { nullable: true })
  stixId: string | null;

  @Field(() => SubmissionStatus)
  status: SubmissionStatus;

  @Field(() => [FieldIssueModel])
  errors: FieldIssueModel[];

  @Field(() => [FieldIssueModel])
  warnings: FieldIssueModel[];

  @Field(() => PseudonymModel, { nullable: true, description: 'For an object shared anonymously: the pseudonym others see as its source' })
  pseudonym?: PseudonymModel | null;
}

@ObjectType('SubmissionResult')
export class SubmissionResultModel {
  @Field(() => Int, { description: 'Objects stored as new objects or versions' })
  accepted: number;

  @Field(() => Int, { description: 'Objects already stored in this exact version' })
  duplicates: number;

  @Field(() => Int)
  rejected: number;

  @Field(() => [ObjectResultModel])
  results: ObjectResultModel[];
}

@ObjectType('ObservableMatch')
export class ObservableMatchModel {
  @Field({ description: 'The observable type, normalised' })
  type: string;

  @Field({ description: 'The value as the hub indexes it (lower-case domains and hashes, canonical IPv6, ...)' })
  value: string;

  @Field(() => [StixObjectModel])
  indicators: StixObjectModel[];

  @Field(() => [StixObjectModel])
  sightings: StixObjectModel[];

  @Field(() => [StixObjectModel], { description: 'Cyber observables (SCOs) with this value' })
  observables: StixObjectModel[];

  @Field(() => Int, { description: 'Sum of the counts of the readable true sightings (false positives and expirations left out; see sightingTotals)' })
  sightingCount: number;
}
