import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, JsonScalar } from '@hub/platform';

export enum InventoryFormat {
  CYCLONEDX = 'CYCLONEDX',
  SPDX = 'SPDX',
  CPE_LIST = 'CPE_LIST',
  PURL_LIST = 'PURL_LIST',
  DEVICE_LIST = 'DEVICE_LIST',
}
registerEnumType(InventoryFormat, {
  name: 'InventoryFormat',
  description: 'CycloneDX 1.4–1.6 or SPDX 2.3 JSON; or one entry a line: CPE 2.3 names, package URLs, or vendor,product,model,version rows',
});

export enum TriageStatus {
  AFFECTED = 'AFFECTED',
  NOT_AFFECTED = 'NOT_AFFECTED',
  FIXED = 'FIXED',
  ACCEPTED_RISK = 'ACCEPTED_RISK',
}
registerEnumType(TriageStatus, { name: 'TriageStatus', description: "A member's own verdict on an exposure" });

export enum ExposureStatus {
  UNTRIAGED = 'UNTRIAGED',
  AFFECTED = 'AFFECTED',
  NOT_AFFECTED = 'NOT_AFFECTED',
  FIXED = 'FIXED',
  ACCEPTED_RISK = 'ACCEPTED_RISK',
}
registerEnumType(ExposureStatus, { name: 'ExposureStatus', description: 'How the member triaged an exposure (UNTRIAGED until it does)' });

@InputType()
export class DeclareInventoryInput {
  @Field({ description: 'Declaring again with the same name makes a new version of that inventory' })
  name!: string;

  @Field(() => InventoryFormat)
  format!: InventoryFormat;

  @Field({ description: 'The SBOM or list as text' })
  document!: string;
}

@ObjectType('Inventory', { description: "One version of what your organisation runs; only your organisation's people read it" })
export class InventoryModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => Int)
  version!: number;

  @Field(() => InventoryFormat)
  format!: InventoryFormat;

  @Field(() => Int, { description: 'Distinct components after duplicates were merged' })
  componentCount!: number;

  @Field({ description: 'The newest version, not retired' })
  current!: boolean;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  retiredAt!: Date | null;
}

@ObjectType('InventoryComponent')
export class InventoryComponentModel {
  @Field()
  key!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  version!: string | null;

  @Field(() => String, { nullable: true })
  vendor!: string | null;

  @Field(() => String, { nullable: true })
  model!: string | null;

  @Field(() => [String])
  cpes!: string[];

  @Field(() => [String])
  purls!: string[];

  @Field(() => Int)
  occurrences!: number;
}

@ObjectType('ExposureVulnerability', { description: 'The advisory that matched, as your organisation may read it now' })
export class ExposureVulnerabilityModel {
  @Field(() => ID)
  id!: string;

  @Field(() => JsonScalar)
  stix!: Record<string, unknown>;
}

@ObjectType('Exposure', { description: 'An advisory that matches something your organisation runs' })
export class ExposureModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ExposureVulnerabilityModel)
  vulnerability!: ExposureVulnerabilityModel;

  @Field({ description: 'The declared component that matched: its name and version' })
  component!: string;

  @Field({ description: 'The merged component key (purl, CPE or vendor|product|model|version)' })
  componentKey!: string;

  @Field({ description: 'The inventory that declares it (its name, in lower case)' })
  inventory!: string;

  @Field(() => ExposureStatus)
  status!: ExposureStatus;

  @Field({ description: "The advisory's verdict for the component: affected, conflicting, under_investigation, fixed or not_affected (VEX)" })
  verdict!: string;

  @Field({ description: 'No alert: the advisory now says not affected or fixed, or you triaged it' })
  silenced!: boolean;

  @Field({ description: 'How it matched: cpe, purl or device' })
  matchedBy!: string;

  @Field({ description: 'Since when' })
  matchedAt!: Date;

  @Field(() => Date, { nullable: true })
  triagedAt!: Date | null;
}

@ObjectType()
export class ExposureConnection extends ConnectionType(ExposureModel, 'Exposure') {}

@ObjectType('ExposureCountCell')
export class ExposureCountCell {
  @Field({ description: 'A sector, or "ALL"' })
  key!: string;

  @Field(() => Int, { nullable: true, description: 'Null when suppressed' })
  count!: number | null;

  @Field()
  suppressed!: boolean;
}

@ObjectType('ExposureCountBucket')
export class ExposureCountBucket {
  @Field({ description: 'Monday 00:00 UTC of the week' })
  start!: Date;

  @Field(() => [ExposureCountCell])
  groups!: ExposureCountCell[];
}

@ObjectType('ExposureCounts', { description: 'Organisations found exposed to one vulnerability, first matched per week, by sector; cells under k organisations suppressed' })
export class ExposureCounts {
  @Field(() => ID)
  vulnerabilityId!: string;

  @Field(() => [ExposureCountBucket])
  buckets!: ExposureCountBucket[];

  @Field(() => Int)
  k!: number;
}

@ObjectType('VendorExposure', { description: 'How many organisations run a product your organisation says is affected by one of its advisories' })
export class VendorExposure {
  @Field(() => ID)
  vulnerabilityId!: string;

  @Field(() => Int, { nullable: true, description: 'Null when fewer than k' })
  organizations!: number | null;

  @Field()
  suppressed!: boolean;

  @Field(() => Int)
  k!: number;
}
