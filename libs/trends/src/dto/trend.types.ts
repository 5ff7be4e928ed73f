import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { TrendBucketSize, TrendGroupByValue, TrendScopeValue } from './trend.enums';

@ObjectType({ description: 'A count that may be suppressed (sector-wide answers only)' })
export class TrendCount {
  @Field(() => Int, { nullable: true, description: 'null when suppressed' })
  count: number | null;

  @Field({ description: 'true: the sector-wide count cannot be given without telling something about objects of fewer than k organisations; no count is given' })
  suppressed: boolean;
}

@ObjectType({ description: 'The count of one group' })
export class TrendGroup extends TrendCount {
  @Field({ description: 'The group, e.g. "malicious-activity"; "(none)" for objects without a value' })
  key: string;
}

@ObjectType({ description: 'One time bucket; buckets are counted by the time the hub received each object (date_added)' })
export class TrendBucket {
  @Field()
  start: Date;

  @Field({ description: 'Exclusive' })
  end: Date;

  @Field({ description: 'false while the bucket is still running (a sector-wide answer counts no unreadable object in it until then)' })
  complete: boolean;

  @Field({
    description:
      'Sector-wide: true when the counts of this bucket include AMBER objects you may not read (the bucket is complete and they come from at least k organisations); false: every count is what you read. Always false with scope READABLE.',
  })
  countsUnreadable: boolean;

  @Field(() => [TrendGroup], { description: 'Every group of the answer, in key order, zero where the bucket has none' })
  groups: TrendGroup[];

  @Field(() => TrendCount, { description: 'Every object of the bucket; with multi-valued groupings (labels, indicator types, families) not the sum of the groups' })
  total: TrendCount;
}

@ObjectType({ description: 'Counts over time. Each object counts once, in the bucket of the version that counts: for what you may read, its latest version you may read; for sector-wide unreadable objects, their latest AMBER version.' })
export class TrendReport {
  @Field({ description: 'Start of the first bucket' })
  from: Date;

  @Field({ description: 'End of the last bucket' })
  to: Date;

  @Field(() => TrendBucketSize)
  bucket: TrendBucketSize;

  @Field(() => TrendGroupByValue)
  groupBy: TrendGroupByValue;

  @Field(() => TrendScopeValue)
  scope: TrendScopeValue;

  @Field(() => Int, { description: 'The least number of distinct source organisations behind a shown sector-wide count (hub setting HUB_TREND_K)' })
  k: number;

  @Field(() => [TrendBucket], { description: 'Every bucket of the range, empty ones too' })
  buckets: TrendBucket[];

  @Field(() => [TrendGroup], { description: 'Per group over the whole range; suppressed when any of its buckets is' })
  totals: TrendGroup[];

  @Field(() => TrendCount, { description: 'Every object over the whole range; suppressed when any bucket total is' })
  total: TrendCount;
}

@ObjectType()
export class TrendPeriod {
  @Field()
  start: Date;

  @Field({ description: 'Exclusive' })
  end: Date;
}

@ObjectType({ description: 'A group that grew from the previous period to this one' })
export class RisingGroup {
  @Field()
  key: string;

  @Field(() => Int)
  current: number;

  @Field(() => Int)
  previous: number;

  @Field(() => Int, { description: 'current − previous' })
  change: number;

  @Field(() => Float, { nullable: true, description: 'change / previous; null for a group new in this period' })
  changeRatio: number | null;
}

@ObjectType()
export class TrendPoint extends TrendCount {
  @Field()
  start: Date;
}

@ObjectType({ description: 'Indicators you may read that the hub received during the period' })
export class IndicatorValidity {
  @Field(() => Int)
  indicators: number;

  @Field(() => Int, { description: 'Not revoked, and valid_until absent or still ahead' })
  valid: number;

  @Field(() => Float, { nullable: true, description: 'valid / indicators; null without indicators' })
  share: number | null;
}

@ObjectType({ description: 'How soon another organisation saw the indicators received during the period (readable indicators and sightings only)' })
export class TimeToFirstSighting {
  @Field(() => Int, { description: 'Indicators with at least one sighting by another organisation' })
  sightedIndicators: number;

  @Field(() => Float, { nullable: true, description: "Median hours from an indicator's valid_from to its first such sighting (first_seen, else created); null without any" })
  medianHours: number | null;
}

@ObjectType({ description: 'What a briefing needs about one period' })
export class TrendBriefing {
  @Field(() => TrendPeriod)
  period: TrendPeriod;

  @Field(() => TrendPeriod)
  previousPeriod: TrendPeriod;

  @Field(() => TrendScopeValue)
  scope: TrendScopeValue;

  @Field(() => TrendGroupByValue)
  groupBy: TrendGroupByValue;

  @Field(() => Int)
  k: number;

  @Field(() => [RisingGroup], { description: 'The groups that grew most against the previous period; groups with a suppressed count are left out' })
  rising: RisingGroup[];

  @Field(() => [TrendPoint], { description: 'Sighting objects per ISO week, the last weeks up to the end of the period' })
  sightingsPerWeek: TrendPoint[];

  @Field(() => IndicatorValidity, { description: 'Over indicators you may read' })
  indicatorValidity: IndicatorValidity;

  @Field(() => TimeToFirstSighting, { description: 'Over indicators and sightings you may read' })
  timeToFirstSighting: TimeToFirstSighting;
}
