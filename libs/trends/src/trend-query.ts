import { Bucket, BucketSize, rangeIssues, RangeIssue, TrendScope, wholeBuckets } from '@hub/trend-rules';

export type TrendGroupBy = 'OBJECT_TYPE' | 'INDICATOR_TYPE' | 'SECTOR' | 'SOURCE_KIND' | 'TLP' | 'LABEL' | 'MALWARE_FAMILY';

export interface TrendFilters {
  /** STIX types. */
  types?: string[];
  /** Objects carrying any of these labels. */
  labels?: string[];
  /** Sectors of the source organisation. */
  sectors?: string[];
}

/** A validated trends question: whole buckets only. */
export interface TrendQuery {
  buckets: Bucket[];
  bucket: BucketSize;
  groupBy: TrendGroupBy;
  scope: TrendScope;
  filters: TrendFilters;
}

export interface TrendQueryInput {
  from: Date;
  to: Date;
  bucket: BucketSize;
  groupBy: TrendGroupBy;
  scope: TrendScope;
  types?: string[] | null;
  labels?: string[] | null;
  sectors?: string[] | null;
}

const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;
const SECTOR = /^[A-Z][A-Z_]{1,49}$/;
const MAX_FILTER_VALUES = 20;
const MAX_LABEL_LENGTH = 200;

export type TrendQueryParse = { ok: true; query: TrendQuery } | { ok: false; issues: RangeIssue[] };

/**
 * Checks a trends question and widens its range to whole buckets. Sector-wide answers are given per
 * ISO week only (days nest in weeks, and a month minus the weeks inside it isolates a few days), and
 * with at most one filter of one value, so that the only answer one filter away from a filtered
 * one is the unfiltered answer, whose difference the suppression rules check (docs/trends.md).
 */
export function parseTrendQuery(input: TrendQueryInput, path = 'input'): TrendQueryParse {
  const issues: RangeIssue[] = [...rangeIssues(input.from, input.to, input.bucket, path)];
  const filters: TrendFilters = {};

  const values = (name: keyof TrendFilters, list: string[] | null | undefined, valid: (value: string) => boolean, what: string) => {
    if (!list?.length) return;
    const unique = [...new Set(list.map((value) => value.trim()))];
    if (unique.length > MAX_FILTER_VALUES) issues.push({ path: `${path}.${name}`, message: `at most ${MAX_FILTER_VALUES} values` });
    unique.forEach((value, index) => {
      if (!valid(value)) issues.push({ path: `${path}.${name}[${index}]`, message: `"${value.slice(0, 60)}" is not ${what}` });
    });
    filters[name] = unique.sort();
  };
  values('types', input.types, (value) => STIX_TYPE.test(value), 'a STIX type name');
  values('labels', input.labels, (value) => value.length > 0 && value.length <= MAX_LABEL_LENGTH, `a label of 1 to ${MAX_LABEL_LENGTH} characters`);
  values('sectors', input.sectors, (value) => SECTOR.test(value), 'a sector name such as HEALTHCARE_PROVIDER');

  if (input.scope === 'SECTOR_WIDE') {
    if (input.bucket !== 'WEEK') {
      issues.push({ path: `${path}.bucket`, message: 'sector-wide trends are given per WEEK; DAY and MONTH buckets are available with scope READABLE' });
    }
    const filtered = (Object.keys(filters) as (keyof TrendFilters)[]).filter((name) => filters[name]?.length);
    if (filtered.length > 1) {
      issues.push({ path: `${path}.${filtered[1]}`, message: 'a sector-wide trend accepts one filter at a time (types, labels or sectors)' });
    }
    for (const name of filtered) {
      if (filters[name]!.length > 1) issues.push({ path: `${path}.${name}`, message: 'a sector-wide trend accepts one value per filter' });
    }
  }
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    query: { buckets: wholeBuckets(input.from, input.to, input.bucket), bucket: input.bucket, groupBy: input.groupBy, scope: input.scope, filters },
  };
}

export function hasFilters(filters: TrendFilters): boolean {
  return Boolean(filters.types?.length || filters.labels?.length || filters.sectors?.length);
}
