import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { Viewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import {
  TREND_FUNCTIONS,
  TrendAnonymousSector1766600000000,
  TrendProfileRanges1767600000000,
  TrendProfileRowType1767700000003,
  TrendProfileRows1766910000000,
  TrendQueryInput,
  TrendsService,
  TrendStaticFollowable1766100000000,
} from '@hub/trends';
import { AudienceSpec, submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator, malware, relationship, sighting } from '../support/stix-builders';
import { askTrends, at, buildTrendDataSet, receivedAt, TrendDataSet, TrendGroupByName, TrendInputShape, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

type Stix = Record<string, unknown>;

/*
 * References in trends (docs/sharing.md, "References"; docs/trends.md, "What is counted"): for a
 * viewer who cannot read an object, a relationship or sighting pointing at it and one pointing at an
 * id the hub does not hold must count the same, in every grouping and scope, as the feed shows
 * neither. Two hubs hold the same world (the data set of tests/support/trends.ts plus the objects
 * below) except that in `held` the objects pointed at are stored, AMBER to Romeo only, and in
 * `absent` they were never shared. Every viewer outside Romeo must get the same answers from both.
 *
 * The `absent` hub first takes its rows into account with the trend functions as they were before
 * TrendStaticFollowable1766100000000 (which counted a relationship on an absent id for whoever reads
 * it by its marking), then runs that migration, so the rows it moves are checked too; later rows are
 * taken into account by the current functions.
 */
describe('trends: a hidden object and an absent one count the same', () => {
  let held: World;
  let absent: World;
  const VIEWERS = ['focal', 'analyst', 'member', 'internalKey', 'clientsKey', 'admin', 'alpha', 'charlie'] as const;
  const GROUPINGS: TrendGroupByName[] = ['OBJECT_TYPE', 'INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'LABEL', 'MALWARE_FAMILY'];

  interface World {
    hub: TestHub;
    data: TrendDataSet;
    viewers: Record<(typeof VIEWERS)[number], Viewer>;
  }

  async function startWorld(): Promise<World> {
    const hub = await startTestHub({ HUB_TREND_K: '3' });
    const data = await buildTrendDataSet(hub);
    const viewerService = hub.hub.app.get(ViewerService);
    const viewers = {} as World['viewers'];
    for (const who of VIEWERS) viewers[who] = await viewerService.resolveViewer({ authorization: `Bearer ${data.tokens[who]}` });
    return { hub, data, viewers };
  }

  async function submit(world: World, who: 'alpha' | 'charlie' | 'recipient', objects: Stix[], tlp: TlpName, received: Date, audience?: AudienceSpec): Promise<void> {
    expect(await submitBundle(world.hub, world.data.tokens[who], bundle(objects), tlp, audience)).toMatchObject({ accepted: objects.length });
    await receivedAt(world.hub, objects.map((object) => object.id as string), received);
  }

  async function sql(world: World, statement: string): Promise<void> {
    const client = new pg.Client({ connectionString: world.hub.databaseUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  }

  /**
   * The objects pointed at (only in `held`): an AMBER indicator and an AMBER malware of Romeo, to
   * Romeo only, in the week before week 1 (alone there, so sector-wide answers never count them), and
   * what points at them from week 4 (a week whose unreadable objects stand on k organisations): GREEN
   * relationships of Alpha and a GREEN sighting of Charlie, and an AMBER relationship of Charlie to
   * the public sector (Ministry reads it by its marking; Alpha does not).
   */
  function objectsPointingAt(ids: { target: Stix; family: Stix }) {
    const probe = indicator("[domain-name:value = 'probe.example']", { indicator_types: ['malicious-activity'], labels: ['ref-probe'] });
    return {
      probe,
      green: [relationship(probe.id as string, 'related-to', ids.target.id as string), relationship(probe.id as string, 'indicates', ids.family.id as string)],
      sightings: [sighting(ids.target.id as string)],
      amber: [relationship(ids.target.id as string, 'related-to', probe.id as string)],
    };
  }

  async function share(world: World, pointedAt: { target: Stix; family: Stix }, objects: ReturnType<typeof objectsPointingAt>, withProbe: boolean): Promise<void> {
    const week0 = at(world.data.week1, -4, 10);
    const week4 = at(world.data.week1, 23, 10);
    if (world === held) await submit(world, 'recipient', [pointedAt.target, pointedAt.family], 'AMBER', week0, { organizationIds: [world.data.romeoId] });
    if (withProbe) await submit(world, 'alpha', [objects.probe], 'GREEN', week4);
    await submit(world, 'alpha', objects.green, 'GREEN', week4);
    await submit(world, 'charlie', objects.sightings, 'GREEN', week4);
    await submit(world, 'charlie', objects.amber, 'AMBER', week4, { audiences: ['PUBLIC_SECTOR'] });
  }

  // One range for both worlds: answers repeat the time asked.
  const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

  function questions(world: World): TrendInputShape[] {
    const range = { from: at(world.data.week1, -7).toISOString(), to: until };
    const asked: TrendInputShape[] = [];
    for (const groupBy of GROUPINGS) {
      for (const bucket of ['DAY', 'WEEK', 'MONTH'] as const) asked.push({ ...range, bucket, groupBy, scope: 'READABLE' });
      asked.push({ ...range, bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE' });
      asked.push({ ...range, bucket: 'WEEK', groupBy, scope: 'READABLE', types: ['relationship', 'sighting'] });
      asked.push({ ...range, bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE', types: ['sighting'] });
      asked.push({ ...range, bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE', labels: ['campaign-x'] });
    }
    return asked;
  }

  /**
   * The questions whose answers differ between the two worlds, refusals included (a sector-wide
   * filter needs a value the viewer reads), with both answers.
   */
  async function differences(): Promise<unknown[]> {
    const differing: unknown[] = [];
    for (const who of VIEWERS) {
      for (const question of questions(held)) {
        const answer = async (world: World) => {
          const { data, errors } = await askTrends(world.hub, question, world.data.tokens[who]);
          return { data, errors };
        };
        const [inHeld, inAbsent] = [await answer(held), await answer(absent)];
        if (!isDeepStrictEqual(inHeld, inAbsent)) differing.push({ who, question, held: inHeld, absent: inAbsent });
      }
    }
    return differing;
  }

  /** Unfiltered answers from the rollups equal those counted row by row (moved rows left the profile parts). */
  async function expectRollupsAgree(world: World): Promise<void> {
    const service = world.hub.hub.app.get(TrendsService);
    for (const who of VIEWERS) {
      for (const question of questions(world)) {
        if (question.groupBy === 'MALWARE_FAMILY' || question.types || question.labels) continue;
        const input = { ...question, from: new Date(question.from), to: new Date(question.to) } as TrendQueryInput;
        expect({ who, input, report: await service.report(world.viewers[who], input) }).toEqual({
          who,
          input,
          report: await service.report(world.viewers[who], input, { rowByRow: true }),
        });
      }
    }
  }

  beforeAll(async () => {
    held = await startWorld();
    absent = await startWorld();
    if (held.data.week1.getTime() !== absent.data.week1.getTime()) throw new Error('the two worlds were built across a Monday: run again');
  }, 240_000);

  afterAll(async () => {
    await held?.hub.close();
    await absent?.hub.close();
  });

  it('counts what stands on a hidden object and on an absent id the same, also for rows taken into account before the fix', async () => {
    const pointedAt = { target: indicator("[domain-name:value = 'hidden-target.example']", { indicator_types: ['compromised'], labels: ['secret'] }), family: malware('SecretFamily') };
    const objects = objectsPointingAt(pointedAt);

    await share(held, pointedAt, objects, true);
    // The absent world takes its rows into account with the definitions before the fix, and its
    // profile parts are built on them.
    await sql(absent, TREND_FUNCTIONS.join(';\n'));
    await share(absent, pointedAt, objects, true);
    for (const question of questions(absent)) if (!question.types && !question.labels) await trends(absent.hub, question, absent.data.tokens.member);
    const member = questions(held).find((question) => question.groupBy === 'OBJECT_TYPE' && question.scope === 'READABLE' && !question.types)!;
    // Before the fix, the relationship on an absent id counted for whoever reads it by its marking.
    expect(await trends(absent.hub, member, absent.data.tokens.member)).not.toEqual(await trends(held.hub, member, held.data.tokens.member));

    const client = new pg.Client({ connectionString: absent.hub.databaseUrl });
    await client.connect();
    try {
      await new TrendStaticFollowable1766100000000().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
      // The later trend migrations, as a hub migrating from then would run them.
      await new TrendAnonymousSector1766600000000().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
      await new TrendProfileRows1766910000000().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
      await new TrendProfileRanges1767600000000().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
      await new TrendProfileRowType1767700000003().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
    } finally {
      await client.end();
    }

    expect(await differences()).toEqual([]);
    await expectRollupsAgree(absent);
    await expectRollupsAgree(held);
  }, 600_000);

  it('counts the same for rows taken into account after the fix', async () => {
    const pointedAt = { target: indicator("[domain-name:value = 'hidden-later.example']", { indicator_types: ['benign'] }), family: malware('LaterFamily') };
    const objects = objectsPointingAt(pointedAt);
    await share(held, pointedAt, objects, true);
    await share(absent, pointedAt, objects, true);

    expect(await differences()).toEqual([]);
    await expectRollupsAgree(absent);
    await expectRollupsAgree(held);
  }, 600_000);

  it('never names a family through an unreadable malware object, even for unreadable indicators of k organisations', async () => {
    // AMBER indicators of three organisations (k = 3) for Romeo only, in week 2, each said by Alpha
    // (GREEN) to indicate one malware object of Romeo: held for Romeo only in one world, absent in
    // the other. Alone, that malware object comes from one organisation.
    const family = malware('OneSourceFamily');
    const hiddenIndicators = (['alpha', 'charlie', 'recipient'] as const).map((who) => ({
      who,
      object: indicator(`[domain-name:value = 'k-${who}.example']`, { indicator_types: ['attribution'] }),
    }));
    const links = hiddenIndicators.map(({ object }) => relationship(object.id as string, 'indicates', family.id as string));
    for (const world of [held, absent]) {
      const week2 = at(world.data.week1, 9, 12);
      if (world === held) await submit(world, 'recipient', [family], 'AMBER', at(world.data.week1, -4, 10), { organizationIds: [world.data.romeoId] });
      for (const { who, object } of hiddenIndicators) await submit(world, who, [object], 'AMBER', week2, { organizationIds: [world.data.romeoId] });
      await submit(world, 'alpha', links, 'GREEN', week2);
    }

    expect(await differences()).toEqual([]);
  }, 600_000);
});
