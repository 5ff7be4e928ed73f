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
 *           anomalous-activity, attribution, unknown: 1 each from Alpha, Bravo, Charlie
 * and a RED malicious-activity indicator from Charlie to Romeo's member in week 3, never counted
 * for anyone else. Weeks 1 and 2 hold nothing Ministry's people cannot read, so they count nothing
 * unreadable. In week 3 the cells of k sources leave a rest (attribution) of two sources, so no
 * cell is shown beside the total; in week 4 the rest comes from three, so the cells of k are shown
 * (docs/trends.md).
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

  const noIndicatorTypes = { '(none)': 0, 'anomalous-activity': 0, anonymization: 0, attribution: 0, benign: 0, compromised: 0, 'malicious-activity': 0, unknown: 0 };
  const allSuppressed = (keys: object) => Object.fromEntries(Object.keys(keys).map((key) => [key, 'suppressed']));

  it('shows cells of k distinct sources when the rest of the week stands on k too, and suppresses every other cell without a count', async () => {
    const report = await trends(hub, fourWeeks('INDICATOR_TYPE'), data.tokens.focal);
    expect(report.k).toBe(3);
    expect(tableOf(report)).toEqual([
      { ...noIndicatorTypes, '(none)': 1, attribution: 1, 'malicious-activity': 2, '*': 3 },
      // The RED indicator the focal point is named on counts as readable.
      { ...noIndicatorTypes, 'anomalous-activity': 1, compromised: 1, 'malicious-activity': 1, '*': 3 },
      // attribution stands on two sources: shown cells beside the total would give it away.
      { ...allSuppressed(noIndicatorTypes), '*': 16 },
      // The rest (anomalous-activity, attribution, unknown) stands on Alpha, Bravo and Charlie; the empty cells are suppressed too.
      { ...allSuppressed(noIndicatorTypes), compromised: 3, 'malicious-activity': 3, '*': 9 },
    ]);
    expect(report.buckets.map((bucket) => bucket.countsUnreadable)).toEqual([false, false, true, true]);
    expect(report.buckets[WEEK3].groups.find((group) => group.key === 'attribution')).toEqual({ key: 'attribution', count: null, suppressed: true });
    // A total over the range is suppressed when any of its buckets is.
    expect(report.totals).toEqual(Object.keys(noIndicatorTypes).map((key) => ({ key, count: null, suppressed: true })));
    expect(report.total).toEqual({ count: 31, suppressed: false });
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
    expect(await week('SOURCE_KIND', 'focal', WEEK4)).toEqual({ ANONYMOUS: 'suppressed', PRIVATE: 'suppressed', PUBLIC: 'suppressed', '*': 9 });
    expect(await week('SECTOR', 'focal', WEEK4)).toMatchObject({ '(none)': 'suppressed', MEDICAL_DEVICES: 'suppressed' });
  });

  it('never counts RED outside its audience, and counts it inside', async () => {
    expect(await week('TLP', 'focal', WEEK3)).toEqual({ AMBER: 'suppressed', AMBER_STRICT: 'suppressed', CLEAR: 0, GREEN: 0, RED: 0, '*': 16 });
    // Every unreadable object of week 3 is an indicator: shown beside the total, the cell would tell that no other type has any.
    expect(await week('OBJECT_TYPE', 'focal', WEEK3)).toMatchObject({ indicator: 'suppressed', '*': 16 });
    // The analyst is not named on the week-2 RED indicator: not counted, not even as a suppressed cell.
    expect(await week('INDICATOR_TYPE', 'analyst', WEEK2)).toEqual({ ...noIndicatorTypes, 'anomalous-activity': 1, compromised: 1, '*': 2 });
    // Romeo's member reads every week-3 object, its RED one too: exact counts, nothing suppressed.
    expect(await week('INDICATOR_TYPE', 'recipient', WEEK3)).toEqual({ ...noIndicatorTypes, 'anomalous-activity': 3, attribution: 5, compromised: 4, 'malicious-activity': 5, '*': 17 });
  });

  it('never gives a CLIENTS key AMBER+STRICT as readable: it is an unreadable part under the k rule', async () => {
    // Week 2: i4 (AMBER) is readable, i5 (AMBER+STRICT) is unreadable and from one source only: not counted, and nothing says so.
    expect(await week('INDICATOR_TYPE', 'clientsKey', WEEK2)).toEqual({ ...noIndicatorTypes, 'anomalous-activity': 1, '*': 1 });
    const readable = tableOf(await trends(hub, { ...fourWeeks('INDICATOR_TYPE'), scope: 'READABLE' }, data.tokens.clientsKey));
    // READABLE answers list the groups the viewer read something in: compromised is not one of them.
    expect(readable[WEEK2]).toEqual({ '(none)': 0, 'anomalous-activity': 1, attribution: 0, 'malicious-activity': 0, '*': 1 });
    // The admin reads neither week-2 AMBER indicator, both of Bravo: the week looks empty.
    expect(await week('INDICATOR_TYPE', 'admin', WEEK2)).toEqual({ ...noIndicatorTypes, '*': 0 });
  });

  it('does not list a free-text key of fewer than k organisations, nor accept it as a filter', async () => {
    const response = await askTrends(hub, fourWeeks('LABEL'), data.tokens.focal);
    expect(response.text).not.toContain('nightjar');
    // campaign-x is listed: Alpha, Bravo and Charlie carry it in week 3. Week 3 shows no cell (its rest, project-nightjar, stands on Delta alone).
    expect(tableOf(response.data!.trends)[WEEK3]).toEqual({ '(none)': 'suppressed', apt: 'suppressed', 'campaign-x': 'suppressed', phishing: 'suppressed', ransomware: 'suppressed', '*': 16 });
    // Filtering by a guessed label would tell a suppressed cell from a zero: refused, whatever the data holds.
    for (const label of ['project-nightjar', 'never-used-anywhere']) {
      const filtered = await askTrends(hub, fourWeeks('LABEL', { labels: [label] }), data.tokens.focal);
      expect(filtered.errors?.[0].extensions).toEqual({
        code: 'BAD_USER_INPUT',
        errors: [{ path: 'input.labels', message: 'a sector-wide trend filters only by a label of an object you may read' }],
      });
    }
    // Romeo's member reads project-nightjar objects, so may filter by it.
    expect(await week('LABEL', 'recipient', WEEK3, { labels: ['project-nightjar'] })).toEqual({ '(none)': 0, 'project-nightjar': 1, '*': 1 });
  });

  it('does not let two answers one filter apart recover a suppressed cell', async () => {
    const unfiltered = await week('INDICATOR_TYPE', 'focal', WEEK3);
    // Every anomalous-activity indicator of week 3, and nothing else, carries campaign-x.
    const campaign = await week('INDICATOR_TYPE', 'focal', WEEK3, { labels: ['campaign-x'] });
    // The filter removes nothing from anomalous-activity: shown in both answers, equal counts would
    // tell that no other unreadable indicator of that type exists. The total passes: what the filter
    // removes from it comes from Alpha, Bravo, Charlie and Delta.
    expect(campaign).toEqual({ ...allSuppressed(noIndicatorTypes), '*': 3 });
    expect(unfiltered['*']).toBe(16);
    // The old attack: the unfiltered total minus its shown cells, minus what the filtered answer shows
    // of the other suppressed cells, would give attribution's 5. Nothing but totals is shown here.
    expect(Object.entries(unfiltered).filter(([key, count]) => key !== '*' && count !== 'suppressed')).toEqual([]);

    // Same cell in two answers that both count unreadable objects: the difference is what the filter
    // removes from the cell, which must stand on k sources. A filtered answer whose unreadable part
    // comes from fewer than k sources counts none of it, so its counts say nothing about that part.
    const differences: string[] = [];
    for (const filter of [{ sectors: ['PHARMA'] }, { sectors: ['HEALTHCARE_PROVIDER'] }, { sectors: ['MEDICAL_DEVICES'] }, { types: ['indicator'] }, { labels: ['campaign-x'] }]) {
      const filtered = await trends(hub, fourWeeks('INDICATOR_TYPE', filter), data.tokens.focal);
      const whole = await trends(hub, fourWeeks('INDICATOR_TYPE'), data.tokens.focal);
      for (const index of [WEEK3, WEEK4]) {
        if (!filtered.buckets[index].countsUnreadable) continue;
        differences.push(...sameCellDifferences(tableOf(whole)[index], tableOf(filtered)[index]).map((key) => `week ${index + 1} ${JSON.stringify(filter)} ${key}`));
      }
    }
    expect(differences).toEqual([]);
    // Without Delta's sector the week-4 total (Alpha, Bravo, Charlie: 8 objects) would differ from
    // the unfiltered 9 by Delta's single indicator: a filter of several values is refused.
    const response = await askTrends(hub, fourWeeks('INDICATOR_TYPE', { sectors: ['HEALTHCARE_PROVIDER', 'PHARMA'] }), data.tokens.focal);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.sectors' }] });
    // Pharma alone is Alpha: the filtered week counts nothing unreadable.
    const pharma = await trends(hub, fourWeeks('INDICATOR_TYPE', { sectors: ['PHARMA'] }), data.tokens.focal);
    expect(tableOf(pharma)[WEEK4]).toEqual({ ...noIndicatorTypes, '*': 0 });
    expect(pharma.buckets[WEEK4].countsUnreadable).toBe(false);
  });

  /** Keys shown in both answers with different counts (in weeks 3 and 4 every count is unreadable objects). */
  function sameCellDifferences(unfiltered: Record<string, Shown>, filtered: Record<string, Shown>): string[] {
    return Object.keys(filtered).filter((key) => key !== '*' && typeof unfiltered[key] === 'number' && typeof filtered[key] === 'number' && unfiltered[key] !== filtered[key]);
  }

  it('shows cells beside a total only when the rest of the week stands on k organisations', async () => {
    const withShownCells: string[] = [];
    for (const groupBy of ['INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'OBJECT_TYPE', 'LABEL', 'MALWARE_FAMILY'] as const) {
      const report = await trends(hub, fourWeeks(groupBy), data.tokens.focal);
      tableOf(report).forEach((bucket, index) => {
        const shownCells = Object.keys(bucket).filter((key) => key !== '*' && bucket[key] !== 'suppressed' && bucket[key] !== 0);
        if (report.buckets[index].countsUnreadable && bucket['*'] !== 'suppressed' && shownCells.length) {
          const rest = (bucket['*'] as number) - shownCells.reduce((sum, key) => sum + (bucket[key] as number), 0);
          withShownCells.push(`${groupBy} week ${index + 1}: rest ${rest}`);
        }
      });
    }
    // Week 4 by indicator type: the rest is one indicator each of Alpha, Bravo and Charlie.
    expect(withShownCells).toEqual(['INDICATOR_TYPE week 4: rest 3']);
    // By sector: Healthcare providers (Bravo, Charlie), Pharma (Alpha) and the anonymous Delta under
    // (none) (its pseudonym names no sector: Delta is the only medical-device maker) are all under k;
    // every sector is listed, and (none).
    const sectors = { '(none)': 0, GOVERNMENT: 0, HEALTHCARE_PROVIDER: 0, HEALTH_INSURANCE: 0, IT_SUPPLIER: 0, MEDICAL_DEVICES: 0, OTHER: 0, PHARMA: 0, PUBLIC_HEALTH: 0 };
    expect(await week('SECTOR', 'focal', WEEK3)).toEqual({ ...allSuppressed(sectors), '*': 16 });
  });

  it('answers READABLE without any unreadable object', async () => {
    const report = await trends(hub, { ...fourWeeks('INDICATOR_TYPE'), scope: 'READABLE' }, data.tokens.focal);
    expect(tableOf(report)[WEEK3]).toEqual({ '(none)': 0, attribution: 0, 'malicious-activity': 0, 'anomalous-activity': 0, compromised: 0, '*': 0 });
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
