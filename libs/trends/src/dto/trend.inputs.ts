import { Field, InputType, Int } from '@nestjs/graphql';
import { SectorEnum } from '@hub/members';
import { TrendBucketSize, TrendGroupByValue, TrendScopeValue } from './trend.enums';

/** The range, bucket size and scope every trends-shaped question has (trends, impact trends). */
@InputType({ isAbstract: true })
export class TrendRangeInput {
  @Field({ description: 'Start of the range; moved back to the start of its bucket' })
  from: Date;

  @Field({ description: 'End of the range (exclusive); moved forward to the end of its bucket; must be later than from' })
  to: Date;

  @Field(() => TrendBucketSize)
  bucket: TrendBucketSize;

  @Field(() => TrendScopeValue, { nullable: true, defaultValue: TrendScopeValue.READABLE })
  scope?: TrendScopeValue;
}

@InputType({ description: 'A trends question. The range is widened to whole buckets; at most 366 buckets.' })
export class TrendInput extends TrendRangeInput {
  @Field(() => TrendGroupByValue)
  groupBy: TrendGroupByValue;

  @Field(() => [String], { nullable: true, description: 'Only these STIX types. SECTOR_WIDE accepts one filter (types, labels or sectors) with one value.' })
  types?: string[];

  @Field(() => [String], { nullable: true, description: 'Only objects carrying any of these labels' })
  labels?: string[];

  @Field(() => [SectorEnum], { nullable: true, description: 'Only objects whose source organisation is in one of these sectors' })
  sectors?: string[];
}

@InputType({ description: 'The figures of a briefing for one period (the last complete week or month by default)' })
export class TrendBriefingInput {
  @Field(() => TrendBucketSize, { nullable: true, defaultValue: TrendBucketSize.WEEK, description: 'WEEK or MONTH (WEEK only with scope SECTOR_WIDE)' })
  period?: TrendBucketSize;

  @Field({ nullable: true, description: 'The briefing is about the last complete period that ends at or before this time; default: now' })
  at?: Date;

  @Field(() => TrendGroupByValue, { nullable: true, defaultValue: TrendGroupByValue.MALWARE_FAMILY, description: 'What the rising groups are' })
  groupBy?: TrendGroupByValue;

  @Field(() => TrendScopeValue, { nullable: true, defaultValue: TrendScopeValue.READABLE, description: 'For the rising groups and the sightings per week' })
  scope?: TrendScopeValue;

  @Field(() => Int, { nullable: true, defaultValue: 5, description: 'How many rising groups (1 to 50)' })
  top?: number;

  @Field(() => Int, { nullable: true, defaultValue: 12, description: 'How many weeks of sightings, ending with the period (1 to 104)' })
  weeks?: number;
}
