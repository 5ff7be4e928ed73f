import { askTrends, at, buildTrendDataSet, Shown, tableOf, TrendDataSet, TrendGroupByName, TrendInputShape, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * SECTOR_WIDE counts on the constructed data set of tests/support/trends.ts, with k = 3. Weeks 3 and
 * 4 hold only AMBER indicators shared with Romeo, which Ministry may not read:
 *   week 3  malicious-activity  4 from Alpha ×2, Bravo, Charlie (AMBER+STRICT)   3 sources
 *           attribution         5 from Alpha ×3, Bravo ×2                        2 sources: k − 1
 *           compromised         4 from Alpha ×2, Bravo, Delta (anonymous)        3 sources
 *           anomalous-activity  3 from Alpha, Bravo, Charlie (label campaign-x)  3 sources
 *   week 4  malicious-activity  3 from Alpha, Bravo, Charlie                     3 sources: k
 *           compromised         3 from Alpha, Bravo, Delta (anonymous)           3 sources: k
 * and a RED malicious-activity indicator from Charlie to Romeo's member in week 3, never counted
 * for anyone else. Because attribution must be withheld in week 3, every cell of week 3 with an
 * unreadable part is suppressed (all or nothing per bucket, docs/trends.md).
 */
describe('trends: SECTOR_WIDE counts, suppression and differencing', () => {
  let hub: TestHub;
  let data: TrendDataSet;
  const [WEEK2, WEEK3, WEEK4] = [1, 2, 3];
  const fourWeeks = (groupBy: TrendGroupByName, filters: Partial<TrendInputShape> = {}): TrendInputShape => ({
    from: data.week1.toISOString(),
    to: at(data.week1, 28).toISOString(),
    bucket: 'WEEK',
    groupBy,
    scope: 'SECTOR_WIDE',
    ...filters,
  });
  const week = async (groupBy: TrendGroupByName, who: keyof TrendDataSet['tokens'], index: number, filters: Partial<TrendInputShape> = {}) =>
    tableOf(await trends(hub, fourWeeks(groupBy, filters), data.tokens[who]))[index];

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    data = await buildTrendDataSet(hub);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('shows a cell with k distinct sources, and suppresses one with k − 1 without a count', async () => {
    const report = await trends(hub, fourWeeks('INDICATOR_TYPE'), data.tokens.focal);
    expect(report.k).toBe(3);
    expect(tableOf(report)).toEqual([
      { '(none)': 1, 'anomalous-activity': 0, attribution: 1, compromised: 0, 'malicious-activity': 2, '*': 3 },
      // The RED indicator the focal point is named on counts as readable.
      { '(none)': 0, 'anomalous-activity': 1, attribution: 0, compromised: 1, 'malicious-activity': 1, '*': 3 },
      { '(none)': 0, 'anomalous-activity': 'suppressed', attribution: 'suppressed', compromised: 'suppressed', 'malicious-activity': 'suppressed', '*': 16 },
      { '(none)': 0, 'anomalous-activity': 0, attribution: 0, compromised: 3, 'malicious-activity': 3, '*': 6 },
    ]);
    expect(report.buckets[WEEK3].groups.find((group) => group.key === 'attribution')).toEqual({ key: 'attribution', count: null, suppressed: true });
    // A total over the range is suppressed when any of its buckets is.
    expect(report.totals).toEqual([
      { key: '(none)', count: 1, suppressed: false },
      { key: 'anomalous-activity', count: null, suppressed: true },
      { key: 'attribution', count: null, suppressed: true },
      { key: 'compromised', count: null, suppressed: true },
      { key: 'malicious-activity', count: null, suppressed: true },
    ]);
    expect(report.total).toEqual({ count: 28, suppressed: false });
  });

  it('counts an anonymous source as a distinct organisation without ever naming it', async () => {
    // Week 4's compromised stands on Alpha, Bravo and the anonymous Delta: three sources, so it is shown.
    expect(await week('INDICATOR_TYPE', 'focal', WEEK4)).toMatchObject({ compromised: 3 });
    const groupings = ['INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'LABEL', 'TLP', 'OBJECT_TYPE', 'MALWARE_FAMILY'] as const;
    for (const who of ['focal', 'analyst', 'clientsKey', 'admin', 'recipient'] as const) {
      for (const groupBy of groupings) {
        for (const scope of ['SECTOR_WIDE', 'READABLE'] as const) {
          const response = await askTrends(hub, { ...fourWeeks(groupBy), scope }, data.tokens[who]);
          expect(response.errors).toBeUndefined();
          for (const secret of data.anonymousSecrets) expect(response.text).not.toContain(secret);
        }
      }
    }
    // Delta is the only anonymous source: its cell is never shown on its own.
    expect(await week('SOURCE_KIND', 'focal', WEEK4)).toEqual({ ANONYMOUS: 'suppressed', PRIVATE: 'suppressed', PUBLIC: 'suppressed', '*': 6 });
    expect(await week('SECTOR', 'focal', WEEK4)).toMatchObject({ MEDICAL_DEVICES: 'suppressed' });
  });

  it('never counts RED outside its audience, and counts it inside', async () => {
    expect(await week('TLP', 'focal', WEEK3)).toEqual({ AMBER: 'suppressed', AMBER_STRICT: 'suppressed', CLEAR: 0, GREEN: 0, RED: 0, '*': 16 });
    expect(await week('OBJECT_TYPE', 'focal', WEEK3)).toMatchObject({ indicator: 16, '*': 16 });
    // The analyst is not named on the week-2 RED indicator: not counted, not even as a suppressed cell.
    expect(await week('INDICATOR_TYPE', 'analyst', WEEK2)).toEqual({ '(none)': 0, 'anomalous-activity': 1, attribution: 0, compromised: 1, 'malicious-activity': 0, '*': 2 });
    // Romeo's member reads every week-3 object, its RED one too: exact counts, nothing suppressed.
    expect(await week('INDICATOR_TYPE', 'recipient', WEEK3)).toEqual({ '(none)': 0, 'anomalous-activity': 3, attribution: 5, compromised: 4, 'malicious-activity': 5, '*': 17 });
  });

  it('never gives a CLIENTS key AMBER+STRICT as readable: it is an unreadable part under the k rule', async () => {
    // Week 2: i4 (AMBER) is readable, i5 (AMBER+STRICT) is unreadable and from one source only.
    expect(await week('INDICATOR_TYPE', 'clientsKey', WEEK2)).toEqual({ '(none)': 0, 'anomalous-activity': 1, attribution: 0, compromised: 'suppressed', 'malicious-activity': 0, '*': 'suppressed' });
    const readable = tableOf(await trends(hub, { ...fourWeeks('INDICATOR_TYPE'), scope: 'READABLE' }, data.tokens.clientsKey));
    // READABLE answers list the groups the viewer read something in: compromised is not one of them.
    expect(readable[WEEK2]).toEqual({ '(none)': 0, 'anomalous-activity': 1, attribution: 0, 'malicious-activity': 0, '*': 1 });
    // The admin reads neither week-2 AMBER indicator.
    expect(await week('INDICATOR_TYPE', 'admin', WEEK2)).toMatchObject({ 'anomalous-activity': 'suppressed', compromised: 'suppressed', '*': 'suppressed' });
  });

  it('does not show a free-text key known only from suppressed cells, nor accept it as a filter', async () => {
    const response = await askTrends(hub, fourWeeks('LABEL'), data.tokens.focal);
    expect(response.text).not.toContain('nightjar');
    // campaign-x is known to the focal point only from before the range, so it is not named either.
    expect(tableOf(response.data!.trends)[WEEK3]).toEqual({ '(none)': 'suppressed', apt: 0, phishing: 0, ransomware: 0, '*': 16 });
    // Filtering by a guessed label would tell a suppressed cell from a zero: refused, whatever the data holds.
    for (const label of ['project-nightjar', 'never-used-anywhere']) {
      const filtered = await askTrends(hub, fourWeeks('LABEL', { labels: [label] }), data.tokens.focal);
      expect(filtered.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        errors: [{ path: 'input.labels', message: 'a sector-wide trend filters only by a label of an object you may read' }],
      });
    }
    // Romeo's member reads project-nightjar objects, so may filter by it.
    expect(await week('LABEL', 'recipient', WEEK3, { labels: ['project-nightjar'] })).toEqual({ 'project-nightjar': 1, '*': 1 });
  });

  it('does not let two answers one filter apart recover a suppressed cell', async () => {
    const unfiltered = await week('INDICATOR_TYPE', 'focal', WEEK3);
    // Every anomalous-activity indicator of week 3, and nothing else, carries campaign-x.
    const campaign = await week('INDICATOR_TYPE', 'focal', WEEK3, { labels: ['campaign-x'] });
    // The other groups have nothing under this filter, so the answer leaves them out: they count as 0.
    expect(campaign).toEqual({ 'anomalous-activity': 3, '*': 3 });
    // The attack: the unfiltered total minus its shown cells is the sum of its suppressed cells;
    // subtract what the filtered answer shows of the other suppressed cells. Had only attribution and
    // one "complementary" cell (anomalous-activity) been suppressed, 16 − 4 − 4 − 3 would give
    // attribution's 5.
    const suppressedKeys = Object.keys(unfiltered).filter((key) => unfiltered[key] === 'suppressed');
    const shownCells = Object.entries(unfiltered).filter(([key, count]) => key !== '*' && typeof count === 'number');
    const suppressedSum = (unfiltered['*'] as number) - shownCells.reduce((sum, [, count]) => sum + (count as number), 0);
    const guess = suppressedSum - suppressedKeys.filter((key) => key !== 'attribution').reduce((sum, key) => sum + ((campaign[key] ?? 0) as number), 0);
    expect(suppressedKeys).toContain('attribution');
    expect(guess).not.toBe(5);

    // Same cell in two answers: each difference is what the filter removes from it, which must stand
    // on k sources. The only one shown: week 4's malicious-activity without Medical devices is
    // 0 against 3, and those 3 come from Alpha, Bravo and Charlie.
    const differences: string[] = [];
    for (const sector of ['PHARMA', 'HEALTHCARE_PROVIDER', 'MEDICAL_DEVICES']) {
      for (const index of [WEEK3, WEEK4]) {
        const filtered = await week('INDICATOR_TYPE', 'focal', index, { sectors: [sector] });
        differences.push(...sameCellDifferences(await week('INDICATOR_TYPE', 'focal', index), filtered).map((key) => `week ${index + 1} ${sector} ${key}`));
      }
    }
    expect(differences).toEqual(['week 4 MEDICAL_DEVICES malicious-activity']);
    // Without Delta's sector the week-4 total (Alpha, Bravo, Charlie: 5 objects) would differ from
    // the unfiltered 6 by Delta's single indicator: a filter of several values is refused.
    const response = await askTrends(hub, fourWeeks('INDICATOR_TYPE', { sectors: ['HEALTHCARE_PROVIDER', 'PHARMA'] }), data.tokens.focal);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.sectors' }] });
    expect(await week('INDICATOR_TYPE', 'focal', WEEK4, { sectors: ['PHARMA'] })).toMatchObject({ '*': 'suppressed' });
  });

  /**
   * Keys shown in both answers with different counts (in weeks 3 and 4 every count is unreadable
   * objects). A free-text key the viewer never read is left out of an answer when all its cells are
   * suppressed: that tells nothing, since an answer also leaves out keys with nothing in them.
   */
  function sameCellDifferences(unfiltered: Record<string, Shown>, filtered: Record<string, Shown>): string[] {
    return Object.keys(filtered).filter((key) => typeof unfiltered[key] === 'number' && typeof filtered[key] === 'number' && unfiltered[key] !== filtered[key]);
  }

  it('never shows a total beside exactly one suppressed cell of a single-valued grouping', async () => {
    for (const groupBy of ['INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'OBJECT_TYPE'] as const) {
      const report = await trends(hub, fourWeeks(groupBy), data.tokens.focal);
      for (const bucket of tableOf(report)) {
        const suppressed = Object.keys(bucket).filter((key) => bucket[key] === 'suppressed' && key !== '*');
        if (bucket['*'] !== 'suppressed') expect({ groupBy, suppressed: suppressed.length === 1 ? suppressed : [] }).toEqual({ groupBy, suppressed: [] });
      }
    }
    // By sector: Healthcare providers (Bravo, Charlie), Pharma (Alpha), Medical devices (Delta) are all under k.
    expect(await week('SECTOR', 'focal', WEEK3)).toEqual({ HEALTHCARE_PROVIDER: 'suppressed', MEDICAL_DEVICES: 'suppressed', PHARMA: 'suppressed', '*': 16 });
  });

  it('answers READABLE without any unreadable object', async () => {
    const report = await trends(hub, { ...fourWeeks('INDICATOR_TYPE'), scope: 'READABLE' }, data.tokens.focal);
    expect(tableOf(report)[WEEK3]).toEqual({ '(none)': 0, 'anomalous-activity': 0, attribution: 0, compromised: 0, 'malicious-activity': 0, '*': 0 });
  });

  it('writes every sector-wide question to the audit log, with its parameters', async () => {
    await trends(hub, fourWeeks('TLP', { sectors: ['PHARMA'] }), data.tokens.analyst);
    await trends(hub, { ...fourWeeks('TLP'), scope: 'READABLE', sectors: ['GOVERNMENT'] }, data.tokens.analyst);
    const response = await hub.graphql<{ auditLog: { edges: { node: { actorKind: string; details: { operation: string; question: Record<string, unknown> } } }[] } }>(
      `{ auditLog(filter: { action: "trends.sector_wide" }, first: 100) { edges { node { actorKind details } } } }`,
      {},
      data.tokens.admin,
    );
    const questions = response.data!.auditLog.edges.map((edge) => edge.node.details);
    expect(questions).toContainEqual(expect.objectContaining({ operation: 'trends', question: expect.objectContaining({ groupBy: 'TLP', scope: 'SECTOR_WIDE', sectors: ['PHARMA'] }) }));
    expect(questions.some((entry) => entry.question.scope !== 'SECTOR_WIDE')).toBe(false);
  });

  it.each([
    ['MONTH buckets', { bucket: 'MONTH' }, 'input.bucket'],
    ['two filters', { types: ['indicator'], sectors: ['PHARMA'] }, 'input.sectors'],
    ['two labels', { labels: ['a', 'b'] }, 'input.labels'],
  ])('refuses %s sector-wide with BAD_USER_INPUT and the path', async (_label, change, path) => {
    const response = await askTrends(hub, { ...fourWeeks('OBJECT_TYPE'), ...change } as TrendInputShape, data.tokens.focal);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  });
});
