import { Bucket, BucketSize, rangeIssues, RangeIssue, TrendScope, wholeBuckets } from '@hub/trend-rules';

export type ImpactMeasure = 'INCIDENTS' | 'DISRUPTED_CARE_DAYS' | 'DIVERSION_HOURS' | 'RECORDS_EXPOSED';
export type ImpactGroupBy = 'INCIDENT_TYPE' | 'SECTOR' | 'COUNTRY' | 'ORGANIZATION_SIZE';

export interface ImpactQueryInput {
  from: Date;
  to: Date;
  bucket: BucketSize;
  groupBy: ImpactGroupBy;
  scope: TrendScope;
  measure: ImpactMeasure;
}

/** A validated impact-trend question: whole buckets only. */
export interface ImpactQuery {
  buckets: Bucket[];
  bucket: BucketSize;
  groupBy: ImpactGroupBy;
  scope: TrendScope;
  measure: ImpactMeasure;
}

export type ImpactQueryParse = { ok: true; query: ImpactQuery } | { ok: false; issues: RangeIssue[] };

/**
 * The rules of a trends question (docs/trends.md): at most 366 whole buckets, and sector-wide answers
 * per ISO week only, since a month minus the weeks inside it would isolate a few days. Impact trends take
 * no filters, so no two answers differ by one filter: the only subtractions are those of one answer and
 * of answers of other groupings, which share the total.
 */
export function parseImpactQuery(input: ImpactQueryInput, path = 'input'): ImpactQueryParse {
  const issues: RangeIssue[] = [...rangeIssues(input.from, input.to, input.bucket, path)];
  if (input.scope === 'SECTOR_WIDE' && input.bucket !== 'WEEK') {
    issues.push({ path: `${path}.bucket`, message: 'sector-wide impact trends are given per WEEK; DAY and MONTH buckets are available with scope READABLE' });
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    query: { buckets: wholeBuckets(input.from, input.to, input.bucket), bucket: input.bucket, groupBy: input.groupBy, scope: input.scope, measure: input.measure },
  };
}
