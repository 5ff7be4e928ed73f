import type { Sector, TrendBucketSize, TrendGroupBy, TrendInput, TrendScope } from '../api/schema-types';

/** The trends question as the form holds it and the address bar keeps it (dates as YYYY-MM-DD, UTC). */
export interface TrendQuestion {
  groupBy: TrendGroupBy;
  scope: TrendScope;
  bucket: TrendBucketSize;
  from: string;
  to: string;
  filter: 'none' | 'type' | 'label' | 'sector';
  value: string;
}

export const GROUPINGS: TrendGroupBy[] = ['OBJECT_TYPE', 'INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'LABEL', 'MALWARE_FAMILY'];
export const SCOPES: TrendScope[] = ['READABLE', 'SECTOR_WIDE'];
export const BUCKETS: TrendBucketSize[] = ['DAY', 'WEEK', 'MONTH'];
export const SECTORS: Sector[] = ['GOVERNMENT', 'HEALTHCARE_PROVIDER', 'HEALTH_INSURANCE', 'IT_SUPPLIER', 'MEDICAL_DEVICES', 'OTHER', 'PHARMA', 'PUBLIC_HEALTH'];
const FILTERS: TrendQuestion['filter'][] = ['none', 'type', 'label', 'sector'];

const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** The last twelve weeks up to today by default. */
export function defaultQuestion(now: Date): TrendQuestion {
  return { groupBy: 'OBJECT_TYPE', scope: 'READABLE', bucket: 'WEEK', from: isoDay(now.getTime() - 12 * 7 * DAY_MS), to: isoDay(now.getTime() + DAY_MS), filter: 'none', value: '' };
}

function oneOf<T extends string>(values: readonly T[], value: string | null, fallback: T): T {
  return values.includes(value as T) ? (value as T) : fallback;
}

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export function questionFromQuery(query: URLSearchParams, now: Date): TrendQuestion {
  const fallback = defaultQuestion(now);
  const question: TrendQuestion = {
    groupBy: oneOf(GROUPINGS, query.get('groupBy'), fallback.groupBy),
    scope: oneOf(SCOPES, query.get('scope'), fallback.scope),
    bucket: oneOf(BUCKETS, query.get('bucket'), fallback.bucket),
    from: DAY_PATTERN.test(query.get('from') ?? '') ? (query.get('from') as string) : fallback.from,
    to: DAY_PATTERN.test(query.get('to') ?? '') ? (query.get('to') as string) : fallback.to,
    filter: oneOf(FILTERS, query.get('filter'), 'none'),
    value: query.get('value') ?? '',
  };
  return normalise(question);
}

/** Sector-wide answers come by week only (docs/trends.md, rule 6); a filter needs a value. */
export function normalise(question: TrendQuestion): TrendQuestion {
  const bucket = question.scope === 'SECTOR_WIDE' ? 'WEEK' : question.bucket;
  const value = question.value.trim();
  const filter = value === '' ? 'none' : question.filter;
  return { ...question, bucket, filter, value: filter === 'none' ? '' : value };
}

export function queryFromQuestion(question: TrendQuestion): string {
  const normal = normalise(question);
  const query = new URLSearchParams({ groupBy: normal.groupBy, scope: normal.scope, bucket: normal.bucket, from: normal.from, to: normal.to });
  if (normal.filter !== 'none') {
    query.set('filter', normal.filter);
    query.set('value', normal.value);
  }
  return query.toString();
}

export function toTrendInput(question: TrendQuestion): TrendInput {
  const normal = normalise(question);
  const input: TrendInput = {
    groupBy: normal.groupBy,
    scope: normal.scope,
    bucket: normal.bucket,
    from: `${normal.from}T00:00:00.000Z`,
    to: `${normal.to}T00:00:00.000Z`,
  };
  if (normal.filter === 'type') input.types = [normal.value];
  if (normal.filter === 'label') input.labels = [normal.value];
  if (normal.filter === 'sector') input.sectors = [normal.value as Sector];
  return input;
}
