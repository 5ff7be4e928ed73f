import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TrendBucketSize, TrendRangeInput, TrendScopeValue } from '@hub/trends';

export enum ImpactGroupByValue {
  INCIDENT_TYPE = 'INCIDENT_TYPE',
  SECTOR = 'SECTOR',
  COUNTRY = 'COUNTRY',
  ORGANIZATION_SIZE = 'ORGANIZATION_SIZE',
}

registerEnumType(ImpactGroupByValue, {
  name: 'ImpactGroupBy',
  description: 'How incidents are grouped: their incident_types ("(none)" without), or the sector or country of the reporting organisation (for an anonymous report, what its pseudonym names, "(none)" when nothing), or the size band of the reporting organisation when the hub stored the report ("(none)" without one, and always for an anonymous report)',
});

export enum ImpactMeasureValue {
  INCIDENTS = 'INCIDENTS',
  DISRUPTED_CARE_DAYS = 'DISRUPTED_CARE_DAYS',
  DIVERSION_HOURS = 'DIVERSION_HOURS',
  RECORDS_EXPOSED = 'RECORDS_EXPOSED',
}

registerEnumType(ImpactMeasureValue, {
  name: 'ImpactMeasure',
  description:
    'What is summed per cell: incidents, days of disrupted care and emergency-department diversion hours (patient-care extension), records of patients exposed (current confidentiality impacts that lost data)',
});

@InputType({ description: 'An impact trends question: the trends question without filters, plus what to measure. The range is widened to whole buckets; at most 366 buckets.' })
export class ImpactTrendInput extends TrendRangeInput {
  @Field(() => ImpactGroupByValue)
  groupBy: ImpactGroupByValue;

  @Field(() => ImpactMeasureValue, { nullable: true, defaultValue: ImpactMeasureValue.INCIDENTS })
  measure?: ImpactMeasureValue;
}

@ObjectType({ description: 'A figure that may be suppressed (sector-wide answers and the public summary)' })
export class ImpactCount {
  @Field(() => Float, { nullable: true, description: 'null when suppressed; sums of hours keep two decimals' })
  count: number | null;

  @Field({ description: 'true: the figure cannot be given without telling something about incidents of fewer than k organisations' })
  suppressed: boolean;
}

@ObjectType()
export class ImpactGroup extends ImpactCount {
  @Field({ description: 'The group, e.g. "ransomware" or "HEALTHCARE_PROVIDER"; "(none)" without a value' })
  key: string;
}

@ObjectType({ description: 'One time bucket; an incident falls in the bucket of the first version of it the hub received (that counts for you)' })
export class ImpactBucket {
  @Field()
  start: Date;

  @Field({ description: 'Exclusive' })
  end: Date;

  @Field()
  complete: boolean;

  @Field({ description: 'Sector-wide: the figures of this bucket include AMBER incidents you may not read (complete bucket, at least k organisations)' })
  countsUnreadable: boolean;

  @Field(() => [ImpactGroup])
  groups: ImpactGroup[];

  @Field(() => ImpactCount, { description: 'Every incident of the bucket; an incident of two types counts once here' })
  total: ImpactCount;
}

@ObjectType({ description: 'Care-impact figures over time, under the same k-anonymity and anti-differencing rules as trends' })
export class ImpactTrendReport {
  @Field()
  from: Date;

  @Field()
  to: Date;

  @Field(() => TrendBucketSize)
  bucket: TrendBucketSize;

  @Field(() => ImpactGroupByValue)
  groupBy: ImpactGroupByValue;

  @Field(() => TrendScopeValue)
  scope: TrendScopeValue;

  @Field(() => ImpactMeasureValue)
  measure: ImpactMeasureValue;

  @Field(() => Int, { description: 'The least number of distinct reporting organisations behind a shown sector-wide figure (HUB_TREND_K)' })
  k: number;

  @Field(() => [ImpactBucket])
  buckets: ImpactBucket[];

  @Field(() => [ImpactGroup], { description: 'Per group over the range; suppressed when any of its buckets is' })
  totals: ImpactGroup[];

  @Field(() => ImpactCount)
  total: ImpactCount;
}

@InputType({ description: 'A human-impact briefing: one calendar quarter (the last complete one ending at or before `at`, default now)' })
export class ImpactBriefingInput {
  @Field({ nullable: true, description: 'The briefing is about the last complete quarter that ends at or before this time; default: now' })
  at?: Date;

  @Field(() => TrendScopeValue, { nullable: true, defaultValue: TrendScopeValue.READABLE })
  scope?: TrendScopeValue;
}

@ObjectType({ description: 'One measure over the quarter: its total and its figure per incident type, sector, country and organisation size' })
export class ImpactBriefingMeasure {
  @Field(() => ImpactMeasureValue)
  measure: ImpactMeasureValue;

  @Field(() => ImpactCount)
  total: ImpactCount;

  @Field(() => [ImpactGroup])
  byIncidentType: ImpactGroup[];

  @Field(() => [ImpactGroup])
  bySector: ImpactGroup[];

  @Field(() => [ImpactGroup])
  byCountry: ImpactGroup[];

  @Field(() => [ImpactGroup], { description: 'By size band of the reporting organisation; anonymous reports under "(none)"' })
  bySize: ImpactGroup[];
}

@ObjectType({ description: 'What incidents did to patient care in one quarter: the range totals of impact trends by week (so the same suppression)' })
export class ImpactBriefing {
  @Field({ description: 'Start of the first ISO week of the quarter (the weeks that hold its days)' })
  from: Date;

  @Field({ description: 'End of the last week' })
  to: Date;

  @Field({ description: 'The quarter, e.g. "2026-Q3"' })
  quarter: string;

  @Field(() => TrendScopeValue)
  scope: TrendScopeValue;

  @Field(() => Int)
  k: number;

  @Field(() => [ImpactBriefingMeasure])
  measures: ImpactBriefingMeasure[];
}
