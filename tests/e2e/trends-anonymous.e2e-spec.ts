import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import type { Viewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import { FOLLOWABLE_FUNCTIONS, TrendAnonymousSector1766600000000, TrendQueryInput, TrendsService } from '@hub/trends';
import { adminToken, createOrganization, createUser } from '../support/members';
import { AudienceSpec, submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator } from '../support/stix-builders';
import { askTrends, at, cellsOf, mondayOf, receivedAt, TrendGroupByName, TrendInputShape, TrendScopeName, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * The security review's probe: the only GOVERNMENT member submits a GREEN indicator anonymously
 * (its pseudonym is "Anonymous member": its sector has fewer than k = 3 members). Every member reads
 * it and its dateAdded in the feed; `trends(groupBy: SECTOR, bucket: DAY)` filtered by its label,
 * or filtered by `sectors: [GOVERNMENT]`, said `GOVERNMENT: 1` and named the source. An anonymous
 * row counts only under its pseudonym's sector, `(none)` when it names none, for every viewer (the
 * source's own people too), in both scopes and under the `sectors` filter; a pseudonym that names a
 * sector of k members (PHARMA here) still counts under it. Nothing here is unreadable to the
 * viewers but the one AMBER indicator, so sector-wide answers are exact too.
 */
describe('trends: anonymous sources count under their pseudonym, never their true sector', () => {
  let hub: TestHub;
  let tokens: Record<Who, string>;
  let ministry: { id: string; identityId: string; name: string };
  let pharmaTwoId: string;
  const WHO = ['gov', 'govColleague', 'pharmaOne', 'pharmaTwo', 'admin'] as const;
  type Who = (typeof WHO)[number];
  const SCOPES: TrendScopeName[] = ['READABLE', 'SECTOR_WIDE'];
  const GROUPINGS: TrendGroupByName[] = ['OBJECT_TYPE', 'INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'LABEL', 'MALWARE_FAMILY'];
  // A past week: complete, and the week sector-wide answers are asked for.
  const week = at(mondayOf(new Date()), -14);
  const day = at(week, 1);

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    const admin = await adminToken(hub);
    const organization = (name: string, sector: string) => createOrganization(hub, admin, { name, kind: 'PUBLIC', sector, country: 'DE' });
    ministry = await organization('Lone Ministry', 'GOVERNMENT');
    const pharma = [await organization('Pharma One', 'PHARMA'), await organization('Pharma Two', 'PHARMA'), await organization('Pharma Three', 'PHARMA')];
    pharmaTwoId = pharma[1].id;
    const user = async (email: string, organizationId: string) => (await createUser(hub, admin, { email, role: 'MEMBER', organizationId })).token;
    tokens = {
      gov: await user('source@ministry.test', ministry.id),
      govColleague: await user('colleague@ministry.test', ministry.id),
      pharmaOne: await user('m@pharma-one.test', pharma[0].id),
      pharmaTwo: await user('m@pharma-two.test', pharma[1].id),
      admin,
    };
  });

  afterAll(async () => {
    await hub?.close();
  });

  async function submit(who: Who, label: string, tlp: TlpName, received: Date, options: { anonymous: boolean; audience?: AudienceSpec }): Promise<void> {
    const object = indicator(`[domain-name:value = '${label}-${Math.random()}.example']`, { indicator_types: ['malicious-activity'], labels: [label] });
    expect(await submitBundle(hub, tokens[who], bundle([object]), tlp, options.audience, options.anonymous)).toMatchObject({ accepted: 1 });
    await receivedAt(hub, [object.id as string], received);
  }

  const question = (input: Partial<TrendInputShape>, scope: TrendScopeName): TrendInputShape => ({
    from: week.toISOString(),
    to: at(week, 7).toISOString(),
    bucket: 'WEEK',
    groupBy: 'SECTOR',
    scope,
    ...input,
  });
  const cells = async (who: Who, input: Partial<TrendInputShape>, scope: TrendScopeName) => cellsOf(await trends(hub, question(input, scope), tokens[who]), 0);
  const total = async (who: Who, input: Partial<TrendInputShape>, scope: TrendScopeName) => (await trends(hub, question(input, scope), tokens[who])).total.count;
  const oneDay = { from: day.toISOString(), to: at(day, 1).toISOString(), bucket: 'DAY' as const };

  async function expectRollupsAgreeWithRowByRow(): Promise<void> {
    const service = hub.hub.app.get(TrendsService);
    const viewerService = hub.hub.app.get(ViewerService);
    for (const who of WHO) {
      const viewer: Viewer = await viewerService.resolveViewer({ authorization: `Bearer ${tokens[who]}` });
      for (const groupBy of ['SECTOR', 'SOURCE_KIND'] as const) {
        for (const [scope, bucket] of [['READABLE', 'DAY'], ['READABLE', 'WEEK'], ['SECTOR_WIDE', 'WEEK']] as const) {
          const input: TrendQueryInput = { from: week, to: at(week, 7), bucket, groupBy, scope };
          expect({ who, input, report: await service.report(viewer, input) }).toEqual({ who, input, report: await service.report(viewer, input, { rowByRow: true }) });
        }
      }
    }
  }

  it('counts an anonymous object of a sector below k under (none), for every viewer, in both scopes and under the sectors filter', async () => {
    await submit('gov', 'gov-anonymous', 'GREEN', at(day, 0, 10), { anonymous: true });
    await submit('pharmaOne', 'pharma-anonymous', 'GREEN', at(day, 0, 11), { anonymous: true });
    await submit('pharmaTwo', 'pharma-named', 'GREEN', at(day, 0, 12), { anonymous: false });
    // AMBER of Pharma Two to its own organisation: unreadable to everyone else.
    await submit('pharmaTwo', 'pharma-amber', 'AMBER', at(day, 0, 13), { anonymous: false, audience: { organizationIds: [pharmaTwoId] } });

    for (const who of WHO) {
      // The probe: the day the feed shows, filtered by the label the feed shows.
      expect({ who, cells: await cells(who, { ...oneDay, labels: ['gov-anonymous'] }, 'READABLE') }).toEqual({ who, cells: { '(none)': 1 } });
      expect({ who, total: await total(who, { ...oneDay, sectors: ['GOVERNMENT'] }, 'READABLE') }).toEqual({ who, total: 0 });
      for (const scope of SCOPES) {
        const unfiltered = await cells(who, {}, scope);
        expect({ who, scope, government: unfiltered.GOVERNMENT ?? 0, none: unfiltered['(none)'] }).toEqual({ who, scope, government: 0, none: 1 });
        // The anonymous Pharma One counts under PHARMA, whose three members its pseudonym names.
        const pharma = who === 'pharmaTwo' ? 3 : 2;
        expect({ who, scope, pharma: unfiltered.PHARMA }).toEqual({ who, scope, pharma });
        for (const groupBy of ['SECTOR', 'SOURCE_KIND', 'LABEL'] as const) {
          expect({ who, scope, groupBy, total: await total(who, { groupBy, sectors: ['GOVERNMENT'] }, scope) }).toEqual({ who, scope, groupBy, total: 0 });
          expect({ who, scope, groupBy, total: await total(who, { groupBy, sectors: ['PHARMA'] }, scope) }).toEqual({ who, scope, groupBy, total: pharma });
        }
        expect(await cells(who, { groupBy: 'SOURCE_KIND' }, scope)).toMatchObject({ ANONYMOUS: 2 });
        for (const groupBy of GROUPINGS) {
          const response = await askTrends(hub, question({ groupBy }, scope), tokens[who]);
          expect(response.errors).toBeUndefined();
          for (const secret of [ministry.name, ministry.id, ministry.identityId]) expect(response.text).not.toContain(secret);
        }
      }
    }
    await expectRollupsAgreeWithRowByRow();
  });

  it('moves anonymous rows taken into account under their true sector before the fix', async () => {
    // Profile parts and rollups exist (the test above asked); the hub takes rows in as before the fix.
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      for (const statement of FOLLOWABLE_FUNCTIONS) await client.query(statement);
      await submit('gov', 'gov-before-fix', 'GREEN', at(day, 0, 14), { anonymous: true });
      await submit('gov', 'gov-before-fix', 'AMBER', at(day, 0, 15), { anonymous: true, audience: { organizationIds: [pharmaTwoId] } });
      // Taken in under the true sector, into the rollups and Pharma Two's profile part.
      expect(await cells('pharmaTwo', {}, 'READABLE')).toMatchObject({ GOVERNMENT: 2 });
      expect(await cells('pharmaOne', {}, 'READABLE')).toMatchObject({ GOVERNMENT: 1 });

      await new TrendAnonymousSector1766600000000().up({ query: (statement: string) => client.query(statement) } as unknown as QueryRunner);
    } finally {
      await client.end();
    }

    for (const who of WHO) {
      for (const scope of SCOPES) {
        const unfiltered = await cells(who, {}, scope);
        // The AMBER one is read by its audience (Pharma Two) and its source's own people.
        const moved = ['pharmaTwo', 'gov', 'govColleague'].includes(who) ? 2 : 1;
        expect({ who, scope, government: unfiltered.GOVERNMENT ?? 0, none: unfiltered['(none)'] }).toEqual({ who, scope, government: 0, none: 1 + moved });
        expect({ who, scope, total: await total(who, { sectors: ['GOVERNMENT'] }, scope) }).toEqual({ who, scope, total: 0 });
      }
    }
    await expectRollupsAgreeWithRowByRow();
  });
});
