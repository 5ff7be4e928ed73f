import { askTrends, at, buildTrendDataSet, cellsOf, tableOf, TrendDataSet, TrendGroupByName, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

/** Exact counts of what each viewer may read, on the constructed data set of tests/support/trends.ts. */
describe('trends: READABLE counts', () => {
  let hub: TestHub;
  let data: TrendDataSet;
  const twoWeeks = (groupBy: TrendGroupByName) => ({ from: data.week1.toISOString(), to: at(data.week1, 14).toISOString(), bucket: 'WEEK' as const, groupBy });

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    data = await buildTrendDataSet(hub);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it.each<[TrendGroupByName, Record<string, number>[]]>([
    [
      'OBJECT_TYPE',
      [
        { indicator: 3, malware: 1, relationship: 1, sighting: 0, '*': 5 },
        { indicator: 3, malware: 1, relationship: 0, sighting: 3, '*': 7 },
      ],
    ],
    [
      'INDICATOR_TYPE',
      [
        { '(none)': 1, 'anomalous-activity': 0, attribution: 1, compromised: 0, 'malicious-activity': 2, '*': 3 },
        { '(none)': 0, 'anomalous-activity': 1, attribution: 0, compromised: 1, 'malicious-activity': 1, '*': 3 },
      ],
    ],
    [
      'SECTOR',
      [
        { '(none)': 0, HEALTHCARE_PROVIDER: 1, MEDICAL_DEVICES: 0, PHARMA: 4, '*': 5 },
        // Alpha's anonymous m2: Alpha is the only PHARMA member, so its pseudonym names no sector.
        { '(none)': 1, HEALTHCARE_PROVIDER: 4, MEDICAL_DEVICES: 1, PHARMA: 1, '*': 7 },
      ],
    ],
    [
      'SOURCE_KIND',
      [
        { ANONYMOUS: 0, PRIVATE: 4, PUBLIC: 1, '*': 5 },
        { ANONYMOUS: 1, PRIVATE: 5, PUBLIC: 1, '*': 7 },
      ],
    ],
    [
      'TLP',
      [
        { AMBER: 0, AMBER_STRICT: 0, CLEAR: 1, GREEN: 4, RED: 0, '*': 5 },
        { AMBER: 1, AMBER_STRICT: 1, CLEAR: 0, GREEN: 4, RED: 1, '*': 7 },
      ],
    ],
    [
      'LABEL',
      [
        { '(none)': 2, apt: 1, phishing: 0, ransomware: 3, '*': 5 },
        { '(none)': 5, apt: 0, phishing: 2, ransomware: 0, '*': 7 },
      ],
    ],
    [
      'MALWARE_FAMILY',
      [
        { '(none)': 2, emotet: 0, lockbit: 2, '*': 4 },
        { '(none)': 3, emotet: 1, lockbit: 0, '*': 4 },
      ],
    ],
  ])('counts by %s per week, exactly what the focal point may read', async (groupBy, expected) => {
    const report = await trends(hub, { ...twoWeeks(groupBy), scope: 'READABLE' }, data.tokens.focal);
    expect(tableOf(report)).toEqual(expected);
    expect(report.totals).toEqual(Object.keys(expected[0]).filter((key) => key !== '*').map((key) => ({ key, count: expected[0][key] + expected[1][key], suppressed: false })));
    expect(report.total).toEqual({ count: expected[0]['*'] + expected[1]['*'], suppressed: false });
  });

  it('gives every day of the range, empty ones too, cut at midnight UTC', async () => {
    // The range starts on a Wednesday at noon: it is widened back to that Wednesday's midnight.
    const report = await trends(hub, { from: at(data.week1, 0, 12).toISOString(), to: at(data.week1, 8).toISOString(), bucket: 'DAY', groupBy: 'OBJECT_TYPE' }, data.tokens.focal);
    expect(report.from).toBe(data.week1.toISOString());
    expect(report.to).toBe(at(data.week1, 8).toISOString());
    expect(report.buckets.map((bucket) => bucket.start)).toEqual(Array.from({ length: 8 }, (_, day) => at(data.week1, day).toISOString()));
    // Tuesday i1 m1 rel1, Thursday i2, Sunday 23:30 UTC i3 (Monday in Prague), Monday 00:00 UTC m2.
    expect(tableOf(report)).toEqual([
      { indicator: 0, malware: 0, relationship: 0, '*': 0 },
      { indicator: 1, malware: 1, relationship: 1, '*': 3 },
      { indicator: 0, malware: 0, relationship: 0, '*': 0 },
      { indicator: 1, malware: 0, relationship: 0, '*': 1 },
      { indicator: 0, malware: 0, relationship: 0, '*': 0 },
      { indicator: 0, malware: 0, relationship: 0, '*': 0 },
      { indicator: 1, malware: 0, relationship: 0, '*': 1 },
      { indicator: 0, malware: 1, relationship: 0, '*': 1 },
    ]);
    expect(report.buckets.every((bucket) => bucket.complete)).toBe(true);
  });

  it('gives calendar months in UTC, empty ones too', async () => {
    // Two months before week 1's: the week before week 1 may begin in the month before (it did when
    // week 1 began on the 2nd), and the first month must hold nothing.
    const first = new Date(Date.UTC(data.week1.getUTCFullYear(), data.week1.getUTCMonth() - 2, 1));
    const report = await trends(hub, { from: first.toISOString(), to: at(data.week1, 14).toISOString(), bucket: 'MONTH', groupBy: 'OBJECT_TYPE' }, data.tokens.focal);
    const month = (time: Date) => time.toISOString().slice(0, 7);
    const expected = new Map(report.buckets.map((bucket) => [month(new Date(bucket.start)), 0]));
    // The focal point reads every object of the week before week 1 and of weeks 1 and 2 (13 of them); none later.
    const readable = Object.entries(data.receivedTimes).filter(([name]) => /^w[012]-/.test(name));
    expect(readable).toHaveLength(13);
    for (const [, time] of readable) expected.set(month(time), expected.get(month(time))! + 1);
    expect(report.buckets[0]).toMatchObject({ start: first.toISOString(), total: { count: 0, suppressed: false } });
    expect(report.buckets.map((bucket) => [month(new Date(bucket.start)), bucket.total.count])).toEqual([...expected]);
    for (const bucket of report.buckets) {
      const next = new Date(bucket.start);
      expect(bucket.end).toBe(new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1)).toISOString());
    }
  });

  it.each([
    ['focal point (named on the RED indicator)', 'focal', { indicator: 3, malware: 1, sighting: 3, '*': 7 }],
    ['analyst of the same organisation', 'analyst', { indicator: 2, malware: 1, sighting: 2, '*': 5 }],
    ['member of the same organisation', 'member', { indicator: 2, malware: 1, sighting: 2, '*': 5 }],
    ['INTERNAL key (never RED)', 'internalKey', { indicator: 2, malware: 1, sighting: 2, '*': 5 }],
    ['CLIENTS key (never AMBER+STRICT, nor what stands on it)', 'clientsKey', { indicator: 1, malware: 1, sighting: 1, '*': 3 }],
    ['hub admin (no read right from the role)', 'admin', { indicator: 0, malware: 1, sighting: 0, '*': 1 }],
  ] as const)('counts week 2 for the %s', async (_label, who, expected) => {
    const report = await trends(hub, { ...twoWeeks('OBJECT_TYPE'), scope: 'READABLE' }, data.tokens[who]);
    expect(tableOf(report)[0]).toMatchObject({ indicator: 3, malware: 1, relationship: 1, '*': 5 });
    const week2 = tableOf(report)[1];
    expect(Object.fromEntries(Object.entries(week2).filter(([, count]) => count !== 0))).toEqual(
      Object.fromEntries(Object.entries(expected).filter(([, count]) => count !== 0)),
    );
  });

  it('refuses an unauthenticated caller', async () => {
    const response = await askTrends(hub, twoWeeks('OBJECT_TYPE'));
    expect(response.data?.trends ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a range that ends before it starts', { from: '2026-03-10T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'input.to'],
    ['more than 366 buckets', { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z', bucket: 'DAY' }, 'input.to'],
    ['a type that is no STIX type', { types: ['indicator', 'Not A Type!'] }, 'input.types[1]'],
    ['an empty label', { labels: [''] }, 'input.labels[0]'],
    ['DAY buckets sector-wide', { bucket: 'DAY', scope: 'SECTOR_WIDE' }, 'input.bucket'],
    ['MONTH buckets sector-wide', { bucket: 'MONTH', scope: 'SECTOR_WIDE' }, 'input.bucket'],
  ])('refuses %s with BAD_USER_INPUT and the path', async (_label, change, path) => {
    const response = await askTrends(hub, { from: '2026-03-01T00:00:00Z', to: '2026-03-29T00:00:00Z', bucket: 'WEEK', groupBy: 'OBJECT_TYPE', ...change } as never, data.tokens.focal);
    expect(response.status).toBe(200);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });

  it.each([
    ['a time that is no time', { from: 'yesterday' }, 'from'],
    ['an unknown grouping', { groupBy: 'COLOUR' }, 'groupBy'],
  ])('refuses %s with BAD_USER_INPUT naming the field, not a server error', async (_label, change, field) => {
    const response = await askTrends(hub, { from: '2026-03-01T00:00:00Z', to: '2026-03-29T00:00:00Z', bucket: 'WEEK', groupBy: 'OBJECT_TYPE', ...change } as never, data.tokens.focal);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(response.errors)).toContain(field);
  });

  it.each([
    ['a year before 1 AD', { from: '-000010-01-01T00:00:00Z', to: '-000010-02-01T00:00:00Z', bucket: 'DAY' }, 'input.from'],
    ['year 0', { from: '0000-06-01T00:00:00Z', to: '0000-07-01T00:00:00Z', bucket: 'DAY' }, 'input.from'],
    ['a five-digit year', { from: '9998-12-20T00:00:00Z', to: '+010000-01-10T00:00:00Z', bucket: 'DAY' }, 'input.to'],
    ['the last time JavaScript knows', { from: '+275760-09-01T00:00:00Z', to: '+275760-09-13T00:00:00Z', bucket: 'DAY' }, 'input.from'],
    ['a time before 1970', { from: '1969-12-01T00:00:00Z', to: '1970-02-01T00:00:00Z', bucket: 'MONTH' }, 'input.from'],
  ])('refuses %s with BAD_USER_INPUT and the path, not a server error', async (_label, range, path) => {
    const response = await askTrends(hub, { ...range, groupBy: 'OBJECT_TYPE' } as never, data.tokens.focal);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('keys the cells of one bucket by group, in key order', async () => {
    const report = await trends(hub, twoWeeks('TLP'), data.tokens.focal);
    expect(Object.keys(cellsOf(report, 0))).toEqual(['AMBER', 'AMBER_STRICT', 'CLEAR', 'GREEN', 'RED']);
  });
});
