import { queryDatabase } from '../support/test-database';
import { at, buildTrendDataSet, mondayOf, TrendDataSet } from '../support/trends';
import { GraphqlResponse, startTestHub, TestHub } from '../support/test-hub';

interface Briefing {
  period: { start: string; end: string };
  previousPeriod: { start: string; end: string };
  k: number;
  rising: { key: string; current: number; previous: number; change: number; changeRatio: number | null }[];
  sightingsPerWeek: { start: string; count: number | null; suppressed: boolean }[];
  indicatorValidity: { indicators: number; valid: number; share: number | null };
  timeToFirstSighting: { sightedIndicators: number; medianHours: number | null };
}

const BRIEFING = `query Briefing($input: TrendBriefingInput) {
  trendBriefing(input: $input) {
    period { start end } previousPeriod { start end } k
    rising { key current previous change changeRatio }
    sightingsPerWeek { start count suppressed }
    indicatorValidity { indicators valid share }
    timeToFirstSighting { sightedIndicators medianHours }
  }
}`;

/** The briefing figures on the constructed data set of tests/support/trends.ts (k = 3). */
describe('trends: briefing figures', () => {
  let hub: TestHub;
  let data: TrendDataSet;
  const ask = (input: Record<string, unknown>, token?: string) => hub.graphql<{ trendBriefing: Briefing }>(BRIEFING, { input }, token);
  const briefing = async (input: Record<string, unknown>, token: string): Promise<Briefing> => {
    const response: GraphqlResponse<{ trendBriefing: Briefing }> = await ask(input, token);
    if (response.errors || !response.data) throw new Error(`trendBriefing failed: ${response.text}`);
    return response.data.trendBriefing;
  };

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    data = await buildTrendDataSet(hub);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('gives the focal point the figures of week 2 against week 1', async () => {
    const result = await briefing({ period: 'WEEK', at: at(data.week1, 14).toISOString(), groupBy: 'SECTOR', top: 5, weeks: 3 }, data.tokens.focal);
    expect(result.period).toEqual({ start: at(data.week1, 7).toISOString(), end: at(data.week1, 14).toISOString() });
    expect(result.previousPeriod).toEqual({ start: data.week1.toISOString(), end: at(data.week1, 7).toISOString() });
    // Week 1: Healthcare providers 1, Pharma 4. Week 2: Healthcare providers 4, Medical devices 1, Pharma 2.
    expect(result.rising).toEqual([
      { key: 'HEALTHCARE_PROVIDER', current: 4, previous: 1, change: 3, changeRatio: 3 },
      { key: 'MEDICAL_DEVICES', current: 1, previous: 0, change: 1, changeRatio: null },
    ]);
    expect(result.sightingsPerWeek).toEqual([
      { start: at(data.week1, -7).toISOString(), count: 0, suppressed: false },
      { start: data.week1.toISOString(), count: 0, suppressed: false },
      { start: at(data.week1, 7).toISOString(), count: 3, suppressed: false },
    ]);
    // i4 expired, i5 and i6 valid.
    expect(result.indicatorValidity).toEqual({ indicators: 3, valid: 2, share: 2 / 3 });
    // i4 seen by Charlie after 10 h, i6 by Alpha after 30 h; Bravo's own sighting of i5 does not count.
    expect(result.timeToFirstSighting).toEqual({ sightedIndicators: 2, medianHours: 20 });
  });

  it('gives an analyst of the same organisation only what the analyst reads (not the RED indicator)', async () => {
    const result = await briefing({ period: 'WEEK', at: at(data.week1, 14).toISOString(), groupBy: 'SECTOR', weeks: 1 }, data.tokens.analyst);
    expect(result.rising).toEqual([{ key: 'HEALTHCARE_PROVIDER', current: 4, previous: 1, change: 3, changeRatio: 3 }]);
    expect(result.sightingsPerWeek).toEqual([{ start: at(data.week1, 7).toISOString(), count: 2, suppressed: false }]);
    expect(result.indicatorValidity).toEqual({ indicators: 2, valid: 1, share: 0.5 });
    expect(result.timeToFirstSighting).toEqual({ sightedIndicators: 1, medianHours: 10 });
  });

  it('ranks sector-wide rising groups from shown counts only', async () => {
    // Weeks 1 and 2 hold nothing the focal point cannot read: exact counts, ranked as with READABLE.
    const bySector = await briefing({ period: 'WEEK', at: at(data.week1, 14).toISOString(), groupBy: 'SECTOR', scope: 'SECTOR_WIDE' }, data.tokens.focal);
    expect(bySector.rising).toEqual([
      { key: 'HEALTHCARE_PROVIDER', current: 4, previous: 1, change: 3, changeRatio: 3 },
      { key: 'MEDICAL_DEVICES', current: 1, previous: 0, change: 1, changeRatio: null },
    ]);
    // Week 3 against week 2, by type: every unreadable object of week 3 is an indicator, so its cell
    // is suppressed beside the total (it would tell that no other type has any): nothing is ranked.
    const byType = await briefing({ period: 'WEEK', at: at(data.week1, 21).toISOString(), groupBy: 'OBJECT_TYPE', scope: 'SECTOR_WIDE' }, data.tokens.focal);
    expect(byType.rising).toEqual([]);
    expect(byType.k).toBe(3);
    // Week 4 against week 3, by indicator type: week 3 is suppressed, so nothing can be ranked.
    const byIndicatorType = await briefing({ period: 'WEEK', at: at(data.week1, 28).toISOString(), groupBy: 'INDICATOR_TYPE', scope: 'SECTOR_WIDE' }, data.tokens.focal);
    expect(byIndicatorType.rising).toEqual([]);
  });

  it('gives the admin the figures of what the admin reads: no AMBER indicator, no sighting standing on one', async () => {
    const result = await briefing({ period: 'WEEK', at: at(data.week1, 14).toISOString(), weeks: 1 }, data.tokens.admin);
    expect(result.sightingsPerWeek).toEqual([{ start: at(data.week1, 7).toISOString(), count: 0, suppressed: false }]);
    expect(result.indicatorValidity).toEqual({ indicators: 0, valid: 0, share: null });
    expect(result.timeToFirstSighting).toEqual({ sightedIndicators: 0, medianHours: null });
  });

  it('refuses a time in the future instead of moving it to now', async () => {
    const response = await ask({ at: new Date(Date.now() + 3600 * 1000).toISOString() }, data.tokens.focal);
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.at', message: expect.stringContaining('future') }] });
    expect(response.data?.trendBriefing ?? null).toBeNull();
  });

  it('covers the current week so far on a hub that began this week, and the last complete week once it is older', async () => {
    // The members of this hub were made when the test started; only the objects were moved back in time.
    const monday = mondayOf(new Date());
    const fresh = await briefing({ weeks: 1 }, data.tokens.focal);
    expect(fresh.period.start).toBe(monday.toISOString());
    expect(Date.parse(fresh.period.end)).toBeGreaterThan(Date.now() - 60_000);
    expect(Date.parse(fresh.period.end)).toBeLessThanOrEqual(Date.now());
    expect(fresh.previousPeriod).toEqual({ start: at(monday, -7).toISOString(), end: monday.toISOString() });
    expect(fresh.sightingsPerWeek.map((point) => point.start)).toEqual([monday.toISOString()]);

    await queryDatabase(hub.databaseUrl, `UPDATE organization SET created_at = created_at - interval '60 days'`);
    try {
      const older = await briefing({ weeks: 1 }, data.tokens.focal);
      expect(older.period).toEqual({ start: at(monday, -7).toISOString(), end: monday.toISOString() });
    } finally {
      await queryDatabase(hub.databaseUrl, `UPDATE organization SET created_at = created_at + interval '60 days'`);
    }
  });

  it('refuses an unauthenticated caller', async () => {
    const response = await ask({});
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    [{ period: 'DAY' }, 'input.period'],
    [{ top: 0 }, 'input.top'],
    [{ weeks: 105 }, 'input.weeks'],
    [{ period: 'MONTH', scope: 'SECTOR_WIDE' }, 'input.period'],
    [{ at: '-000100-01-01T00:00:00Z' }, 'input.at'],
    [{ at: '1972-06-01T00:00:00Z' }, 'input.at'],
  ])('refuses %j with BAD_USER_INPUT and the path', async (input, path) => {
    const response = await ask(input, data.tokens.focal);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual([expect.objectContaining({ path })]);
  });
});
