import { impactTrends, incidentReport, type ImpactInputShape } from '../support/incidents';
import { adminToken, createOrganization, createUser } from '../support/members';
import { AudienceSpec, submitBundle, TlpName } from '../support/sharing';
import { bundle } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { at, mondayOf, receivedAt } from '../support/trends';

/**
 * Sums of care figures (hours of diversion, days of disruption) stand on k only through the
 * organisations that add to them, and not when one of them adds most of the sum: an incident without
 * hours is no cover for the one hospital that gave them.
 */
describe('impact trends: k for sums counts the organisations that add to them', () => {
  let hub: TestHub;
  let week1: Date;
  const tokens: Record<string, string> = {};
  const orgs: Record<string, { id: string }> = {};

  async function report(who: string, tlp: TlpName, care: Record<string, number>, received: Date, audience: AudienceSpec): Promise<void> {
    const made = incidentReport({ care });
    expect(await submitBundle(hub, tokens[who], bundle(made.objects), tlp, audience)).toMatchObject({ rejected: 0 });
    await receivedAt(hub, made.objects.map((object) => object.id as string), received);
  }

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    const admin = await adminToken(hub);
    for (const [name, sector, country] of [
      ['Alpha', 'HEALTHCARE_PROVIDER', 'CZ'],
      ['Bravo', 'HEALTHCARE_PROVIDER', 'DE'],
      ['Charlie', 'HEALTHCARE_PROVIDER', 'AT'],
      ['Observatory', 'OTHER', 'FR'],
    ]) {
      orgs[name] = await createOrganization(hub, admin, { name: `${name} Hospital`, kind: 'PRIVATE', sector, country });
      tokens[name] = (await createUser(hub, admin, { email: `m@${name.toLowerCase()}.test`, role: 'MEMBER', organizationId: orgs[name].id })).token;
    }
    week1 = at(mondayOf(new Date()), -28);
    const to = (name: string): AudienceSpec => ({ organizationIds: [orgs[name].id] });
    // Week 1: only Charlie gives hours.
    await report('Charlie', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 41 }, at(week1, 1, 9), to('Alpha'));
    await report('Alpha', 'AMBER', { disrupted_care_days: 1 }, at(week1, 2, 9), to('Bravo'));
    await report('Bravo', 'AMBER', { disrupted_care_days: 1 }, at(week1, 3, 9), to('Alpha'));
    // Week 2: all three give hours, Charlie most of them.
    await report('Charlie', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 100 }, at(week1, 8, 9), to('Alpha'));
    await report('Alpha', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 1 }, at(week1, 9, 9), to('Bravo'));
    await report('Bravo', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 1 }, at(week1, 10, 9), to('Alpha'));
    // Week 3: all three give comparable hours.
    await report('Charlie', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 10 }, at(week1, 15, 9), to('Alpha'));
    await report('Alpha', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 12 }, at(week1, 16, 9), to('Bravo'));
    await report('Bravo', 'AMBER', { disrupted_care_days: 1, ed_diversion_hours: 14 }, at(week1, 17, 9), to('Alpha'));
  }, 120_000);

  afterAll(async () => hub?.close());

  const totals = async (measure: ImpactInputShape['measure']) => {
    const input = { from: week1.toISOString(), to: at(week1, 21).toISOString(), bucket: 'WEEK', groupBy: 'SECTOR', scope: 'SECTOR_WIDE', measure } as ImpactInputShape;
    const { report: answer } = await impactTrends(hub, input, tokens.Observatory);
    return answer.buckets.map((bucket: { total: { count: number | null; suppressed: boolean } }) => bucket.total);
  };

  it('shows the count of incidents of three organisations every week', async () => {
    expect(await totals('INCIDENTS')).toEqual([
      { count: 3, suppressed: false },
      { count: 3, suppressed: false },
      { count: 3, suppressed: false },
    ]);
  });

  it('withholds hours given by one organisation, and hours that one organisation gives most of', async () => {
    // An unreadable part that does not stand on k counts as nothing, as in every trend (docs/trends.md):
    // the answer is the one a week without any hours would get.
    expect(await totals('DIVERSION_HOURS')).toEqual([
      { count: 0, suppressed: false },
      { count: 0, suppressed: false },
      { count: 36, suppressed: false },
    ]);
    expect(await totals('DISRUPTED_CARE_DAYS')).toEqual([
      { count: 3, suppressed: false },
      { count: 3, suppressed: false },
      { count: 3, suppressed: false },
    ]);
  });
});
