import { parseTrendQuery, TrendQueryInput } from './trend-query';

const question = (change: Partial<TrendQueryInput> = {}): TrendQueryInput => ({
  from: new Date('2026-03-04T12:00:00Z'),
  to: new Date('2026-03-17T00:00:00Z'),
  bucket: 'WEEK',
  groupBy: 'OBJECT_TYPE',
  scope: 'READABLE',
  ...change,
});

const issuesOf = (change: Partial<TrendQueryInput>) => {
  const parsed = parseTrendQuery(question(change));
  return parsed.ok ? [] : parsed.issues;
};

describe('parseTrendQuery', () => {
  it('widens the range to whole ISO weeks in UTC', () => {
    const parsed = parseTrendQuery(question());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.query.buckets.map((bucket) => bucket.start.toISOString())).toEqual(['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z', '2026-03-16T00:00:00.000Z']);
  });

  it('trims, deduplicates and sorts filter values', () => {
    const parsed = parseTrendQuery(question({ labels: [' b', 'a', 'b '] }));
    expect(parsed.ok && parsed.query.filters).toEqual({ labels: ['a', 'b'] });
  });

  it('names the field of each bad value', () => {
    expect(issuesOf({ types: ['indicator', 'Bad Type'], sectors: ['pharma'] })).toEqual([
      { path: 'input.types[1]', message: '"Bad Type" is not a STIX type name' },
      { path: 'input.sectors[0]', message: '"pharma" is not a sector name such as HEALTHCARE_PROVIDER' },
    ]);
  });

  it('gives sector-wide answers per week only, with one filter of one value', () => {
    expect(issuesOf({ scope: 'SECTOR_WIDE', bucket: 'DAY', to: new Date('2026-03-06T00:00:00Z') })).toEqual([expect.objectContaining({ path: 'input.bucket' })]);
    expect(issuesOf({ scope: 'SECTOR_WIDE', bucket: 'MONTH' })).toEqual([expect.objectContaining({ path: 'input.bucket' })]);
    expect(issuesOf({ scope: 'SECTOR_WIDE', types: ['indicator'], labels: ['x'] })).toEqual([expect.objectContaining({ path: 'input.labels' })]);
    expect(issuesOf({ scope: 'SECTOR_WIDE', sectors: ['PHARMA', 'GOVERNMENT'] })).toEqual([expect.objectContaining({ path: 'input.sectors' })]);
    expect(issuesOf({ scope: 'SECTOR_WIDE', sectors: ['PHARMA'] })).toEqual([]);
    expect(issuesOf({ scope: 'READABLE', bucket: 'MONTH', sectors: ['PHARMA', 'GOVERNMENT'], labels: ['x', 'y'] })).toEqual([]);
  });
});
