import type { Viewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import { parseTrendQuery, ProfilePartsService, TrendFiguresService, TrendQueryInput, TrendsService } from '@hub/trends';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, nextVersion, sighting } from '../support/stix-builders';
import { at, buildTrendDataSet, mondayOf, receivedAt, tableOf, TrendDataSet, trends } from '../support/trends';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * Unfiltered answers come from the rollups and per-access-profile counts, filtered ones row by row
 * over trend_object. Both must give the same figures for every viewer, grouping and scope, also
 * after the data changed once the rollups were built.
 */
describe('trends: rollups agree with row-by-row counting and stay current', () => {
  let hub: TestHub;
  let data: TrendDataSet;
  let service: TrendsService;
  const viewers: Record<string, Viewer> = {};
  const WHO = ['focal', 'analyst', 'internalKey', 'clientsKey', 'admin', 'recipient'] as const;
  const GROUPINGS = ['OBJECT_TYPE', 'INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'LABEL'] as const;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    data = await buildTrendDataSet(hub);
    service = hub.hub.app.get(TrendsService);
    const viewerService = hub.hub.app.get(ViewerService);
    for (const who of WHO) viewers[who] = await viewerService.resolveViewer({ authorization: `Bearer ${data.tokens[who]}` });
  });

  afterAll(async () => {
    await hub?.close();
  });

  async function expectBothPathsAgree(): Promise<void> {
    const range = { from: at(data.week1, -7), to: new Date(Date.now() + 7 * 24 * 3600 * 1000) };
    const questions: TrendQueryInput[] = [];
    for (const groupBy of GROUPINGS) {
      questions.push({ ...range, bucket: 'WEEK', groupBy, scope: 'READABLE' }, { ...range, bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE' });
      questions.push({ ...range, bucket: 'MONTH', groupBy, scope: 'READABLE' }, { ...range, bucket: 'DAY', groupBy, scope: 'READABLE' });
    }
    for (const who of WHO) {
      for (const question of questions) {
        const fromRollups = await service.report(viewers[who], question);
        const rowByRow = await service.report(viewers[who], question, { rowByRow: true });
        expect({ who, question, report: fromRollups }).toEqual({ who, question, report: rowByRow });
      }
    }
  }

  it('gives the same figures from the rollups as row by row', async () => {
    await expectBothPathsAgree();
  });

  it('follows new objects, new versions and new sources once the rollups are built', async () => {
    const week3 = { from: data.week1.toISOString(), to: at(data.week1, 21).toISOString(), bucket: 'WEEK' as const, groupBy: 'INDICATOR_TYPE' as const, scope: 'SECTOR_WIDE' as const };
    expect(tableOf(await trends(hub, week3, data.tokens.focal))[2]).toMatchObject({ attribution: 'suppressed', 'anomalous-activity': 'suppressed' });

    // A third source for attribution: every cell with something unreadable stands on k sources, but
    // nothing is left outside them, so shown cells would tell that the other cells are empty.
    const toRomeo = { organizationIds: [data.romeoId] };
    const third = indicator("[domain-name:value = 'third-source.example']", { indicator_types: ['attribution'] });
    expect(await submitBundle(hub, data.tokens.charlie, bundle([third]), 'AMBER', toRomeo)).toMatchObject({ accepted: 1 });
    await receivedAt(hub, [third.id as string], at(data.week1, 16));
    const fixedKeys = ['(none)', 'anomalous-activity', 'anonymization', 'attribution', 'benign', 'compromised', 'malicious-activity', 'unknown'];
    const suppressed = Object.fromEntries(fixedKeys.map((key) => [key, 'suppressed']));
    expect(tableOf(await trends(hub, week3, data.tokens.focal))[2]).toEqual({ ...suppressed, '*': 17 });

    // Three more indicators, of three sources and three types of their own: the rest of the week now
    // stands on k sources, and the cells of k are shown.
    const single = (type: string) => indicator(`[domain-name:value = '${type}-rest.example']`, { indicator_types: [type] });
    const rest = { alpha: single('benign'), charlie: single('unknown'), recipient: single('anonymization') };
    for (const [who, object] of Object.entries(rest)) {
      expect(await submitBundle(hub, data.tokens[who as 'alpha' | 'charlie' | 'recipient'], bundle([object]), 'AMBER', toRomeo)).toMatchObject({ accepted: 1 });
      await receivedAt(hub, [object.id as string], at(data.week1, 16));
    }
    expect(tableOf(await trends(hub, week3, data.tokens.focal))[2]).toEqual({
      ...suppressed,
      'anomalous-activity': 3,
      attribution: 6,
      compromised: 4,
      'malicious-activity': 4,
      '*': 20,
    });

    // A new version of a week-1 indicator, received now: the object counts once, in this week, with its new label.
    const [original] = await hub.graphql<{ objects: { edges: { node: { stix: Record<string, unknown> } }[] } }>(
      `{ objects(filter: { labels: ["apt"] }) { edges { node { stix } } } }`,
      {},
      data.tokens.alpha,
    ).then((response) => response.data!.objects.edges.map((edge) => edge.node.stix));
    const revised = nextVersion(original, { labels: ['botnet'] });
    expect(await submitBundle(hub, data.tokens.alpha, bundle([revised]), 'GREEN')).toMatchObject({ accepted: 1 });
    const thisWeek = mondayOf(new Date()).toISOString();
    const byLabel = await trends(hub, { from: data.week1.toISOString(), to: new Date().toISOString(), bucket: 'WEEK', groupBy: 'LABEL' }, data.tokens.analyst);
    expect(tableOf(byLabel)[0]).toMatchObject({ ransomware: 2, '*': 4 });
    // Only the old version carried "apt": the group is gone.
    expect(byLabel.totals.map((total) => total.key)).not.toContain('apt');
    expect(byLabel.buckets.at(-1)).toMatchObject({ start: thisWeek, total: { count: 1, suppressed: false } });
    expect(tableOf(byLabel).at(-1)).toMatchObject({ botnet: 1 });

    await expectBothPathsAgree();
  });

  it('counts a sighting only for those who may follow its indicator, whether that is absent, arrives unreadable or arrives readable', async () => {
    const late = indicator("[domain-name:value = 'late.example']");
    const open = indicator("[domain-name:value = 'open-late.example']");
    const today = { from: new Date(Date.now() - 24 * 3600 * 1000).toISOString(), to: new Date().toISOString(), bucket: 'DAY' as const, groupBy: 'OBJECT_TYPE' as const };
    const sightingsToday = async (who: 'analyst' | 'recipient' | 'alpha') => tableOf(await trends(hub, today, data.tokens[who])).at(-1)!.sighting ?? 0;
    // Nothing is stored under the indicators' ids yet: like a hidden indicator, an absent one is not
    // followable, so the sightings count only for the person who submitted them (as in the feed).
    expect(await submitBundle(hub, data.tokens.alpha, bundle([sighting(late.id as string), sighting(open.id as string)]), 'GREEN')).toMatchObject({ accepted: 2 });
    expect(await sightingsToday('analyst')).toBe(0);
    expect(await sightingsToday('recipient')).toBe(0);
    expect(await sightingsToday('alpha')).toBe(2);
    expect(await submitBundle(hub, data.tokens.charlie, bundle([late]), 'AMBER', { organizationIds: [data.romeoId] })).toMatchObject({ accepted: 1 });
    expect(await sightingsToday('analyst')).toBe(0);
    expect(await sightingsToday('recipient')).toBe(1);
    expect(await submitBundle(hub, data.tokens.charlie, bundle([open]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await sightingsToday('analyst')).toBe(1);
    expect(await sightingsToday('recipient')).toBe(2);
    expect(await sightingsToday('alpha')).toBe(2);
    await expectBothPathsAgree();
  });

  it('builds a part from the first bucket of its first question and widens it for an earlier one, also after new data', async () => {
    // Every profile anew: the first questions below build their parts from this week (this day) on.
    await queryDatabase(hub.databaseUrl, `DELETE FROM trend_profile`);
    const now = Date.now();
    const recent = { from: new Date(now - 24 * 3600 * 1000), to: new Date(now) };
    const wide = { from: at(data.week1, -7), to: new Date(now + 7 * 24 * 3600 * 1000) };
    const questions = (range: { from: Date; to: Date }): TrendQueryInput[] => [
      { ...range, bucket: 'WEEK', groupBy: 'INDICATOR_TYPE', scope: 'SECTOR_WIDE' },
      { ...range, bucket: 'DAY', groupBy: 'TLP', scope: 'READABLE' },
    ];
    const who = ['focal', 'clientsKey', 'recipient'] as const;
    for (const viewer of who) for (const question of questions(recent)) await service.report(viewers[viewer], question);
    const covered = await queryDatabase<{ first: string }>(hub.databaseUrl, `SELECT min(covered_from)::text AS first FROM trend_profile_part`);
    expect(covered[0].first >= mondayOf(recent.from).toISOString().slice(0, 10)).toBe(true);

    // New data in the days the parts do not cover yet, and in the ones they do.
    const early = indicator("[domain-name:value = 'early-widened.example']", { indicator_types: ['attribution'] });
    const late = indicator("[domain-name:value = 'late-widened.example']", { indicator_types: ['attribution'] });
    expect(await submitBundle(hub, data.tokens.charlie, bundle([early, late]), 'AMBER', { organizationIds: [data.romeoId] })).toMatchObject({ accepted: 2 });
    await receivedAt(hub, [early.id as string], at(data.week1, 2));

    for (const viewer of who) {
      for (const question of [...questions(recent), ...questions(wide)]) {
        const fromRollups = await service.report(viewers[viewer], question);
        const rowByRow = await service.report(viewers[viewer], question, { rowByRow: true });
        expect({ viewer, question, report: fromRollups }).toEqual({ viewer, question, report: rowByRow });
      }
    }
  });

  it('counts for sector-wide answers what a viewer does not read of a source it partly reads', async () => {
    // Two weeks before week 1, indicators of one type: Alpha shares two with Romeo and one with the
    // Ministry; Charlie and Romeo one each with Romeo. The Ministry reads one of Alpha's three.
    const week = at(data.week1, -12, 10);
    const typed = (name: string) => indicator(`[domain-name:value = '${name}-partly.example']`, { indicator_types: ['exploitation'] });
    const shares: [string, Record<string, unknown>[], string][] = [
      [data.tokens.alpha, [typed('alpha-1'), typed('alpha-2')], data.romeoId],
      [data.tokens.alpha, [typed('alpha-3')], data.ministryId],
      [data.tokens.charlie, [typed('charlie')], data.romeoId],
      [data.tokens.recipient, [typed('romeo')], data.romeoId],
    ];
    for (const [token, objects, to] of shares) {
      expect(await submitBundle(hub, token, bundle(objects), 'AMBER', { organizationIds: [to] })).toMatchObject({ accepted: objects.length });
      await receivedAt(hub, objects.map((object) => object.id as string), week);
    }
    const question: TrendQueryInput = { from: mondayOf(week), to: at(mondayOf(week), 7), bucket: 'WEEK', groupBy: 'INDICATOR_TYPE', scope: 'SECTOR_WIDE' };
    for (const who of ['focal', 'analyst', 'recipient'] as const) {
      const fromRollups = await service.report(viewers[who], question);
      expect({ who, report: fromRollups }).toEqual({ who, report: await service.report(viewers[who], question, { rowByRow: true }) });
    }
    // Before suppression (the cell stands alone in its week, so the answer suppresses it): one read,
    // four not read, from three sources; Alpha, partly read, is one of them.
    const parsed = parseTrendQuery(question);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const figures = hub.hub.app.get(TrendFiguresService);
    for (const rowByRow of [false, true]) {
      const [bucket] = (await figures.tableFigures(viewers.focal, parsed.query, 3, new Date(), { rowByRow })).rows;
      expect({ rowByRow, cell: bucket.groups.get('exploitation') }).toMatchObject({ rowByRow, cell: { readable: 1, hidden: 4, hiddenSources: 3 } });
    }
  });
  it('drops the parts no question read for a week, with their cells and sources, and builds them again when asked', async () => {
    const question: TrendQueryInput = { from: at(data.week1, -7), to: new Date(Date.now() + 7 * 24 * 3600 * 1000), bucket: 'WEEK', groupBy: 'TLP', scope: 'SECTOR_WIDE' };
    const before = await service.report(viewers.focal, question);
    const left = () =>
      queryDatabase<{ grain: string; parts: number; cells: number; sources: number }>(
        hub.databaseUrl,
        `SELECT grain, count(*)::int AS parts,
                (SELECT count(*)::int FROM trend_profile_cell c WHERE c.grain = p.grain) AS cells,
                (SELECT count(*)::int FROM trend_profile_source s WHERE s.grain = p.grain) AS sources
         FROM trend_profile_part p GROUP BY grain ORDER BY grain`,
      );
    expect((await left()).map((row) => row.grain)).toEqual(['DAY', 'WEEK']);
    // The week parts were last read eight days ago, the day parts just now.
    await queryDatabase(hub.databaseUrl, `UPDATE trend_profile_part SET used_at = now() - interval '8 days' WHERE grain = 'WEEK'`);
    await queryDatabase(hub.databaseUrl, `CREATE TABLE left_cells AS SELECT * FROM trend_profile_cell WHERE grain = 'WEEK'`);
    await hub.hub.app.get(ProfilePartsService).tidy();
    const [day, ...others] = await left();
    expect(others).toEqual([]);
    expect(day).toMatchObject({ grain: 'DAY' });
    expect(day.cells).toBeGreaterThan(0);
    expect(await queryDatabase(hub.databaseUrl, `SELECT 1 FROM trend_profile_cell WHERE grain = 'WEEK' UNION ALL SELECT 1 FROM trend_profile_source WHERE grain = 'WEEK'`)).toEqual([]);
    // Cells left behind anyway (a replica of older code committing into a part as it was dropped)
    // are not built upon.
    await queryDatabase(hub.databaseUrl, `INSERT INTO trend_profile_cell SELECT * FROM left_cells`);
    await queryDatabase(hub.databaseUrl, `DROP TABLE left_cells`);
    expect(await service.report(viewers.focal, question)).toEqual(before);
    await expectBothPathsAgree();
  });
});
