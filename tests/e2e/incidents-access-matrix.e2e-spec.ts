import { randomUUID } from 'node:crypto';
import { AccessMatrix, buildAccessMatrix, policyAllows, RELATIONS, TLPS } from '../support/access-matrix';
import { ImpactInputShape, impactTable, impactTrends, incidentReport } from '../support/incidents';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, relationship } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { at, mondayOf, receivedAt } from '../support/trends';

/**
 * For every relation of the access matrix: impact figures count exactly the incidents the relation may
 * read, and no answer — readable or sector-wide, any grouping or measure, nor the public summary — names
 * the victim or the source of an incident, nor carries their ids. The source hospital group reports one
 * incident per TLP level, each naming its victim (an identity the incident `targets`), plus an anonymous
 * GREEN one.
 */
describe('incidents: impact figures against the access matrix', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  let week: Date;
  const secrets: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3' });
    matrix = await buildAccessMatrix(hub);
    week = at(mondayOf(new Date()), -14);
    const share = async (tlp: TlpName, anonymous: boolean) => {
      const victimName = `Saint ${randomUUID().slice(0, 8)} Hospital`;
      const { incident, objects } = incidentReport({ name: `Ransomware at ${victimName}`, care: { disrupted_care_days: 2, ed_diversion_hours: 6 }, records: { count: 40 } });
      const now = new Date().toISOString();
      const victim = { type: 'identity', spec_version: '2.1', id: `identity--${randomUUID()}`, created: now, modified: now, name: victimName, identity_class: 'organization' };
      const targets = relationship(incident.id as string, 'targets', victim.id);
      const all = [...objects, victim, targets];
      const outcome = await submitBundle(hub, matrix.submitter.token, bundle(all), tlp, matrix.audienceFor(tlp), anonymous);
      expect(outcome).toMatchObject({ accepted: all.length, rejected: 0 });
      await receivedAt(hub, all.map((object) => object.id as string), at(week, 2, 10));
      secrets.push(victimName, victim.id, incident.id as string, targets.id as string);
    };
    for (const tlp of TLPS) await share(tlp, false);
    await share('GREEN', true);
    secrets.push(matrix.source.name, matrix.source.id, matrix.source.identityId);
  });

  afterAll(async () => {
    await hub?.close();
  });

  const input = (extra: Partial<ImpactInputShape>): ImpactInputShape => ({ from: week.toISOString(), to: at(week, 7).toISOString(), bucket: 'WEEK', groupBy: 'INCIDENT_TYPE', ...extra });

  it('counts, for every relation, exactly the incidents it may read, and names no victim nor source', async () => {
    const seen: Record<string, number | string> = {};
    const expected: Record<string, number | string> = {};
    for (const relation of RELATIONS) {
      const token = matrix.viewers.get(relation);
      if (token === undefined) continue;
      const readable = TLPS.filter((tlp) => policyAllows(relation, tlp)).length + (policyAllows(relation, 'GREEN') ? 1 : 0);
      const outsideSomeAudience = TLPS.some((tlp) => !policyAllows(relation, tlp));
      for (const scope of ['READABLE', 'SECTOR_WIDE'] as const) {
        for (const groupBy of ['INCIDENT_TYPE', 'SECTOR', 'COUNTRY', 'ORGANIZATION_SIZE'] as const) {
          for (const measure of ['INCIDENTS', 'DISRUPTED_CARE_DAYS', 'RECORDS_EXPOSED'] as const) {
            // Size draws on the same rows as the other groupings: one measure keeps the file short.
            if (groupBy === 'ORGANIZATION_SIZE' && measure !== 'INCIDENTS') continue;
            const { report, text } = await impactTrends(hub, input({ scope, groupBy, measure }), token);
            const factor = measure === 'INCIDENTS' ? 1 : measure === 'DISRUPTED_CARE_DAYS' ? 2 : 40;
            const question = `${relation} ${scope} ${groupBy} ${measure}`;
            // One organisation reports everything: sector-wide answers count nothing more than what is read.
            seen[question] = impactTable(report)[0].total;
            expected[question] = readable * factor;
            if (outsideSomeAudience) {
              for (const secret of secrets) if (text.includes(secret)) seen[`${question} names`] = secret;
            }
          }
        }
      }
    }
    expect(seen).toEqual(expected);
  });

  it('names nobody in the public summary and counts none of these reports (none consented)', async () => {
    const response = await fetch(`${hub.url}/public/impact-summary`);
    const text = await response.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const summary = JSON.parse(text) as { buckets: { published: boolean }[] };
    expect(summary.buckets.every((bucket) => !bucket.published)).toBe(true);
  });

  it('refuses the unauthenticated viewer', async () => {
    const response = await hub.graphql(`query Q($input: ImpactTrendInput!) { impactTrends(input: $input) { k } }`, { input: input({}) });
    expect(response.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    for (const secret of secrets) expect(response.text).not.toContain(secret);
  });
});
