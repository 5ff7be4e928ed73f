import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { JsonScalar as GraphQLJSON } from '@hub/platform';
import { SectorEnum } from '@hub/members';
import type { Sector } from '@hub/members';
import { BuiltInAudienceValue, SightingTypeValue, TlpLevel } from './sharing.enums';

@InputType({ description: 'Who an AMBER, AMBER+STRICT or RED submission is shared with' })
export class AudienceInput {
  @Field(() => [ID], { nullable: true })
  organizationIds?: string[];

  @Field(() => [ID], { nullable: true })
  sharingGroupIds?: string[];

  @Field(() => [BuiltInAudienceValue], { nullable: true })
  audiences?: BuiltInAudienceValue[];

  @Field(() => [ID], { nullable: true, description: 'Named people by their user id; with recipientEmails, the only audience RED accepts' })
  userIds?: string[];

  @Field(() => [String], {
    nullable: true,
    description: 'Named people by their sign-in e-mail address (case-insensitive); an address that is not an active person of the hub refuses the submission',
  })
  recipientEmails?: string[];
}

@InputType()
export class SubmitBundleInput {
  @Field(() => GraphQLJSON, { description: 'A STIX 2.1 bundle: { "type": "bundle", "id": "bundle--…", "objects": [ … ] }' })
  bundle: unknown;

  @Field(() => TlpLevel)
  tlp: TlpLevel;

  @Field(() => AudienceInput, { nullable: true })
  audience?: AudienceInput;

  @Field({ nullable: true, defaultValue: false, description: 'Hide the source organisation from everyone outside it' })
  anonymous?: boolean;
}

@InputType()
export class SubmitIndicatorInput {
  @Field()
  name: string;

  @Field({ nullable: true })
  description?: string;

  @Field()
  pattern: string;

  @Field({ nullable: true, defaultValue: 'stix' })
  patternType?: string;

  @Field({ nullable: true, description: 'RFC 3339 timestamp; default: now' })
  validFrom?: string;

  @Field({ nullable: true })
  validUntil?: string;

  @Field(() => [String], { nullable: true })
  indicatorTypes?: string[];

  @Field(() => [String], { nullable: true })
  labels?: string[];

  @Field(() => Int, { nullable: true })
  confidence?: number;

  @Field(() => TlpLevel)
  tlp: TlpLevel;

  @Field(() => AudienceInput, { nullable: true })
  audience?: AudienceInput;

  @Field({ nullable: true, defaultValue: false })
  anonymous?: boolean;
}

@InputType()
export class ReportSightingInput {
  @Field({ description: 'The indicator (or other object) that was seen' })
  sightingOfRef: string;

  @Field(() => SightingTypeValue, { nullable: true, defaultValue: SightingTypeValue.SIGHTING })
  type?: SightingTypeValue;

  @Field(() => Int, { nullable: true, defaultValue: 1 })
  count?: number;

  @Field({ nullable: true })
  firstSeen?: string;

  @Field({ nullable: true })
  lastSeen?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => TlpLevel)
  tlp: TlpLevel;

  @Field(() => AudienceInput, { nullable: true })
  audience?: AudienceInput;

  @Field({ nullable: true, defaultValue: false })
  anonymous?: boolean;
}

@InputType()
export class ObservableInput {
  @Field({ description: 'e.g. ipv4-addr, ipv6-addr, domain-name, url, email-addr, file (any hash), mac-addr' })
  type: string;

  @Field()
  value: string;
}

@InputType()
export class ObjectFilterInput {
  @Field(() => [String], { nullable: true, description: 'STIX types, e.g. ["indicator", "malware"]' })
  types?: string[];

  @Field(() => [TlpLevel], { nullable: true })
  tlp?: TlpLevel[];

  @Field({ nullable: true, description: 'Only objects the hub received at or after this time' })
  since?: Date;

  @Field({ nullable: true, description: 'Only objects the hub received before this time' })
  until?: Date;

  @Field(() => [String], { nullable: true, description: 'Objects carrying any of these labels' })
  labels?: string[];

  @Field(() => ID, { nullable: true })
  sourceOrganizationId?: string;

  @Field(() => [SectorEnum], {
    nullable: true,
    description: 'Objects whose source organisation is in one of these sectors; an anonymous object by the sector its pseudonym names (never its source’s)',
  })
  sectors?: Sector[];

  @Field({ nullable: true, description: 'Text in the name or description, or an exact STIX id' })
  search?: string;

  @Field(() => ObservableInput, { nullable: true, description: 'Objects that mention this observable' })
  observable?: ObservableInput;

  @Field({ nullable: true, description: 'true: only revoked objects; false: none of them; unset: both' })
  revoked?: boolean;

  @Field({ nullable: true, description: 'true: leave out objects with an observable on a warninglist that warns (see StixObject.warninglistHits)' })
  excludeWarned?: boolean;

  @Field(() => Int, { nullable: true, description: 'Only indicators whose score is at least this (0–100); other objects are not filtered' })
  minScore?: number;

  @Field({ nullable: true, description: 'true: leave out indicators whose score has decayed to 0; other objects are not filtered' })
  excludeDecayed?: boolean;
}
