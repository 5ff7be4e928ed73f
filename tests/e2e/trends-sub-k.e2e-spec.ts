import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator } from '../support/stix-builders';
import { at, buildTrendDataSet, receivedAt, TrendDataSet, TrendGroupByName, TrendInputShape, TrendReportShape, trends } from '../support/trends';
import { startTestHub, TestHub } from '../support/test-hub';

/**
 * The probe of the issue: one AMBER object of the only GOVERNMENT member of the hub made
 * `GOVERNMENT` appear, suppressed, in everyone's sector-wide answers, in past weeks too. Which keys an
 * answer lists and which counts it suppresses may tell nothing about the objects of fewer than k
 * organisations (k = 3). On the data set of tests/support/trends.ts (viewers in Ministry, which
 * submits nothing) plus a State Health Agency, the only other GOVERNMENT organisation, whose AMBER
 * indicators go to Romeo only.
 */
describe('trends: objects of fewer than k organisations change no sector-wide answer', () => {
  let hub: TestHub;
  let data: TrendDataSet;
  let agency: string;
  const GROUPINGS: TrendGroupByName[] = ['OBJECT_TYPE', 'INDICATOR_TYPE', 'SECTOR', 'SOURCE_KIND', 'TLP', 'LABEL', 'MALWARE_FAMILY'];
  const FILTERS: Partial<TrendInputShape>[] = [{}, { sectors: ['GOVERNMENT'] }, { sectors: ['PHARMA'] }, { types: ['indicator'] }, { labels: ['campaign-x'] }];
  const VIEWERS = ['focal', 'clientsKey', 'admin'] as const;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    data = await buildTrendDataSet(hub);
    const admin = await adminToken(hub);
    const organization = await createOrganization(hub, admin, { name: 'State Health Agency', kind: 'PUBLIC', sector: 'GOVERNMENT', country: 'CZ' });
    agency = (await createUser(hub, admin, { email: 'a@agency.test', role: 'MEMBER', organizationId: organization.id })).token;
  });

  afterAll(async () => {
    await hub?.close();
  });

  /** One AMBER indicator of the agency, to Romeo only, received at `received` (now when absent). */
  async function agencySubmits(received?: Date): Promise<void> {
    const secret = indicator(`[domain-name:value = 'agency-${Math.random()}.example']`, { indicator_types: ['benign'], labels: ['agency-secret'] });
    expect(await submitBundle(hub, agency, bundle([secret]), 'AMBER', { organizationIds: [data.romeoId] })).toMatchObject({ accepted: 1 });
    if (received) await receivedAt(hub, [secret.id as string], received);
  }

  /** Every sector-wide answer of the viewers over a range, per grouping and filter. */
  async function answers(from: Date, to: Date): Promise<Record<string, TrendReportShape>> {
    const all: Record<string, TrendReportShape> = {};
    for (const who of VIEWERS) {
      for (const groupBy of GROUPINGS) {
        for (const filter of FILTERS) {
          const input: TrendInputShape = { from: from.toISOString(), to: to.toISOString(), bucket: 'WEEK', groupBy, scope: 'SECTOR_WIDE', ...filter };
          all[`${who} ${groupBy} ${JSON.stringify(filter)}`] = await trends(hub, input, data.tokens[who]);
        }
      }
    }
    return all;
  }

  const pastWeeks = () => answers(at(data.week1, -7), at(data.week1, 28));

  it('changes nothing when it lands in a past week that holds nothing else unreadable', async () => {
    const before = await pastWeeks();
    // Week 1 holds only objects every member reads.
    await agencySubmits(at(data.week1, 2, 9));
    const after = await pastWeeks();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain('agency-secret');
  });

  it('changes nothing in the week still running', async () => {
    const thisWeek = () => answers(at(new Date(), -14), new Date());
    const before = await thisWeek();
    await agencySubmits();
    expect(await thisWeek()).toEqual(before);
  });

  it('changes no key and no suppression in a week whose unreadable part stands on k organisations, only its total', async () => {
    const before = await pastWeeks();
    // Week 4 holds unreadable indicators of Alpha, Bravo, Charlie and Delta.
    await agencySubmits(at(data.week1, 23, 9));
    const after = await pastWeeks();
    const week4 = 4;
    // The week shows cells beside its total in some answers (by indicator type: the rest stands on
    // Alpha, Bravo and Charlie), so the comparison covers shown cells too.
    const showsCells = (report: TrendReportShape) => report.buckets[week4].groups.some((group) => !group.suppressed && group.count! > 0);
    expect(Object.values(before).filter(showsCells).length).toBeGreaterThan(0);
    for (const [question, report] of Object.entries(after)) {
      const earlier = before[question];
      // The total of week 4 (and so of the range) counts the new indicator when it is shown at all: four organisations and the agency stand behind it.
      if (!report.buckets[week4].total.suppressed && report.buckets[week4].countsUnreadable) {
        expect({ question, more: report.buckets[week4].total.count! - earlier.buckets[week4].total.count! }).toEqual({ question, more: 1 });
        report.buckets[week4].total = earlier.buckets[week4].total;
        if (!report.total.suppressed) report.total = earlier.total;
      }
      expect({ question, report }).toEqual({ question, report: earlier });
    }
    expect(JSON.stringify(after)).not.toContain('agency-secret');
  });
});
