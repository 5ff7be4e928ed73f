import { PATIENT_CARE_EXTENSION_ID } from '@hub/incident-rules';
import { ImpactTrendsService } from '@hub/incidents';
import { ViewerService } from '@hub/members';
import { ImpactInputShape, impactTable, impactTrends, incidentReport } from '../support/incidents';
import { adminToken, createOrganization, createUser } from '../support/members';
import { AudienceSpec, submitBundle, TlpName } from '../support/sharing';
import { bundle, nextVersion } from '../support/stix-builders';
import { importFile, jobResults } from '../support/imports';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';
import { at, mondayOf, receivedAt } from '../support/trends';

const CARE = `extensions['${PATIENT_CARE_EXTENSION_ID}']`;

/**
 * Care-impact figures on known data, with k = 3. Alpha, Bravo and Delta are healthcare providers (so an
 * anonymous report of Alpha is shown under the sector's pseudonym), Charlie is PHARMA, Lone the only
 * GOVERNMENT member; the Observatory (OTHER) only watches. Weeks 1 and 2 are two complete past weeks.
 * Sizes: Alpha and Charlie LARGE, Bravo MEDIUM, Delta SMALL, the Observatory MICRO, Lone none.
 */
describe('incidents: validation, the published extension, impact trends and the public summary', () => {
  let hub: TestHub;
  let week1: Date;
  const tokens: Record<string, string> = {};
  const orgs: Record<string, { id: string; identityId: string; name: string }> = {};
  let a1: Record<string, unknown>;

  async function report(who: string, tlp: TlpName, spec: Parameters<typeof incidentReport>[0], received: Date, audience?: AudienceSpec, anonymous = false) {
    const made = incidentReport(spec);
    const outcome = await submitBundle(hub, tokens[who], bundle(made.objects), tlp, audience, anonymous);
    expect(outcome).toMatchObject({ accepted: made.objects.length, rejected: 0 });
    await receivedAt(hub, made.objects.map((object) => object.id as string), received);
    return made.incident;
  }

  const range = (extra: Partial<ImpactInputShape> = {}): ImpactInputShape => ({
    from: week1.toISOString(),
    to: at(week1, 14).toISOString(),
    bucket: 'WEEK',
    groupBy: 'INCIDENT_TYPE',
    ...extra,
  });

  beforeAll(async () => {
    hub = await startTestHub({ HUB_TREND_K: '3', HUB_PUBLISH_EXTENSIONS: 'on' });
    const admin = await adminToken(hub);
    const organization = async (name: string, sector: string, country: string, size?: string) => {
      orgs[name] = await createOrganization(hub, admin, { name: `${name} Hospital`, kind: 'PRIVATE', sector, country, size });
      tokens[name] = (await createUser(hub, admin, { email: `m@${name.toLowerCase()}.test`, role: 'MEMBER', organizationId: orgs[name].id })).token;
    };
    await organization('Alpha', 'HEALTHCARE_PROVIDER', 'CZ', 'LARGE');
    await organization('Bravo', 'HEALTHCARE_PROVIDER', 'DE', 'MEDIUM');
    await organization('Delta', 'HEALTHCARE_PROVIDER', 'AT', 'SMALL');
    await organization('Charlie', 'PHARMA', 'AT', 'LARGE');
    await organization('Lone', 'GOVERNMENT', 'SK');
    await organization('Observatory', 'OTHER', 'FR', 'MICRO');
    week1 = at(mondayOf(new Date()), -21);
    const to = (name: string): AudienceSpec => ({ organizationIds: [orgs[name].id] });

    // What the Observatory reads (GREEN): two incidents of week 1 and an anonymous one of week 2.
    a1 = await report('Alpha', 'GREEN', { name: 'Alpha ransomware', care: { disrupted_care_days: 3, ed_diversion_hours: 30 }, records: { count: 1200 } }, at(week1, 1, 9));
    await report('Bravo', 'GREEN', { types: ['ransomware', 'data-exfiltration'], care: { disrupted_care_days: 1 }, records: { count: 500, loss: 'exploited-loss' } }, at(week1, 2, 9));
    await report('Bravo', 'GREEN', { determination: 'false-positive', care: { disrupted_care_days: 9 } }, at(week1, 2, 10));
    await report('Alpha', 'GREEN', { name: 'Anonymous ransomware', care: { disrupted_care_days: 2, ed_diversion_hours: 12.5 } }, at(week1, 8, 9), undefined, true);
    // A new version (recovered: five days in all) arrives in week 2; the incident stays in week 1.
    const recovered = nextVersion(a1, {
      extensions: { ...(a1.extensions as object), [PATIENT_CARE_EXTENSION_ID]: { extension_type: 'property-extension', disrupted_care_days: 5, ed_diversion_hours: 30 } },
    });
    expect(await submitBundle(hub, tokens.Alpha, bundle([recovered]), 'GREEN')).toMatchObject({ accepted: 1 });
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object SET date_added = $2 WHERE id = $1 AND modified = $3`, [a1.id, at(week1, 9), recovered.modified]);
    // What it does not read: AMBER incidents of Charlie, Alpha and Bravo in week 1 (three organisations).
    await report('Charlie', 'AMBER', { name: 'Charlie Pharma breach', care: { disrupted_care_days: 2, ed_diversion_hours: 5 } }, at(week1, 3, 9), to('Alpha'));
    await report('Alpha', 'AMBER', { types: ['denial-of-service'], care: { disrupted_care_days: 4 } }, at(week1, 3, 10), to('Bravo'));
    await report('Bravo', 'AMBER', { care: { disrupted_care_days: 1 } }, at(week1, 4, 10), to('Alpha'));
    // Reported in week 1 and withdrawn (revoked) by their source: they count nowhere, for anyone.
    for (const withdrawn of [
      await report('Delta', 'GREEN', { name: 'Withdrawn report', types: ['ransomware'], care: { disrupted_care_days: 11, ed_diversion_hours: 7 } }, at(week1, 2, 11)),
      await report('Delta', 'AMBER', { types: ['denial-of-service'], care: { disrupted_care_days: 13 } }, at(week1, 3, 11), to('Alpha')),
    ]) {
      await revoke(withdrawn.id as string, tokens.Delta);
    }
  });

  async function revoke(id: string, token: string) {
    const revoked = await hub.graphql(`mutation ($id: ID!) { revokeObject(id: $id) { id } }`, { id }, token);
    expect(revoked.errors).toBeUndefined();
  }

  afterAll(async () => {
    await hub?.close();
  });

  describe('validation on every submission path', () => {
    const SUBMIT = `mutation Submit($input: SubmitBundleInput!) {
      submitBundle(input: $input) { accepted rejected results { status errors { path message } warnings { path message } } }
    }`;

    it('refuses negative durations, an end before its start and contradictory counts through GraphQL, with paths', async () => {
      const { objects } = incidentReport({
        care: { ed_diversion_hours: -2, period_start: '2026-03-04T00:00:00.000Z', period_end: '2026-03-01T00:00:00.000Z', disrupted_care_days: 1, procedures_scheduled: 10, procedures_postponed: 8, procedures_cancelled: 5 },
      });
      const response = await hub.graphql<{ submitBundle: { rejected: number; results: { status: string; errors: { path: string; message: string }[] }[] } }>(
        SUBMIT,
        { input: { bundle: bundle(objects), tlp: 'GREEN' } },
        tokens.Alpha,
      );
      const [result] = response.data!.submitBundle.results;
      expect(result.status).toBe('REJECTED');
      const paths = result.errors.map((issue) => issue.path);
      expect(paths).toEqual(expect.arrayContaining([`objects[0].${CARE}.ed_diversion_hours`, `objects[0].${CARE}.period_end`]));
      expect(paths.some((path) => path.startsWith(`objects[0].${CARE}.procedures_`))).toBe(true);
      expect(result.errors).toContainEqual({ path: `objects[0].${CARE}.ed_diversion_hours`, message: 'must be at least 0 (got -2)' });
      const [{ count }] = await queryDatabase<{ count: number }>(hub.databaseUrl, 'SELECT count(*)::int AS count FROM stix_object WHERE id = $1', [objects[0].id]);
      expect(count).toBe(0);
    });

    it('refuses the same errors over TAXII, naming the path in the status', async () => {
      const { objects } = incidentReport({ care: { disrupted_care_days: 2, patients_transferred: -4 } });
      const submit = (await collectionsByTitle(hub, tokens.Alpha)).get('Submit')!;
      const response = await taxii<{ success_count: number; failure_count: number; failures: { id: string; message: string }[] }>(hub, `${API_ROOT}collections/${submit.id}/objects/`, {
        key: tokens.Alpha,
        body: { objects },
      });
      expect(response.body).toMatchObject({ success_count: 0, failure_count: 1 });
      expect(response.body.failures[0].id).toBe(objects[0].id);
      expect(response.body.failures[0].message).toContain(`${CARE}.patients_transferred`);
      expect(response.body.failures[0].message).toContain('must be at least 0 (got -4)');
    });

    it('refuses them in an import too, object by object', async () => {
      const bad = incidentReport({ care: { disrupted_care_days: 2, ed_closure_hours: -1 } });
      const good = incidentReport({ care: { disrupted_care_days: 2 } });
      const job = await importFile(hub.url, tokens.Alpha, { format: 'stix', tlp: 'AMBER', organizationIds: orgs.Bravo.id }, JSON.stringify(bundle([...bad.objects, ...good.objects])));
      expect(job).toMatchObject({ status: 'done', accepted: 1, rejected: 1 });
      const [refused] = (await jobResults(hub.url, tokens.Alpha, job.jobId)).filter((row) => row.status === 'REJECTED');
      expect(refused.stixId).toBe(bad.incident.id);
      expect(refused.errors).toContainEqual({ path: expect.stringContaining(`${CARE}.ed_closure_hours`), message: 'must be at least 0 (got -1)' });
    });

    it('accepts values outside the open vocabularies with a warning', async () => {
      const { objects } = incidentReport({ types: ['alien-abduction'], care: { disrupted_care_days: 1 } });
      const response = await hub.graphql<{ submitBundle: { results: { status: string; warnings: { path: string; message: string }[] }[] } }>(
        SUBMIT,
        { input: { bundle: bundle(objects), tlp: 'AMBER', audience: { organizationIds: [orgs.Alpha.id] } } },
        tokens.Lone,
      );
      const [result] = response.data!.submitBundle.results;
      expect(result.status).toBe('ACCEPTED');
      expect(result.warnings.map((warning) => warning.message)).toContain('"alien-abduction" is not in event-type-ov');
    });
  });

  it('publishes the patient-care extension-definition as TLP:CLEAR, readable without signing in', async () => {
    const response = await hub.graphql<{ objects: { edges: { node: { id: string; tlp: string; stix: Record<string, unknown> } }[] } }>(
      `{ objects(filter: { types: ["extension-definition"] }) { edges { node { id tlp stix } } } }`,
    );
    const definitions = response.data!.objects.edges.map((edge) => edge.node);
    expect(definitions.map((node) => node.id)).toEqual([PATIENT_CARE_EXTENSION_ID]);
    expect(definitions[0].tlp).toBe('CLEAR');
    const [{ identity_id: operatorIdentity }] = await queryDatabase<{ identity_id: string }>(hub.databaseUrl, 'SELECT identity_id FROM organization WHERE is_operator');
    expect(definitions[0].stix).toMatchObject({ type: 'extension-definition', version: '1.0.0', created_by_ref: operatorIdentity, extension_types: ['property-extension'] });
    const published = await queryDatabase<{ actor_kind: string; target_id: string }>(hub.databaseUrl, "SELECT actor_kind, target_id FROM audit_log WHERE action = 'object.publish'");
    expect(published).toEqual([{ actor_kind: 'system', target_id: PATIENT_CARE_EXTENSION_ID }]);
  });

  describe('impact trends: exact figures of what the viewer reads', () => {
    it('by incident type, for every measure', async () => {
      const table = async (measure: ImpactInputShape['measure']) => impactTable((await impactTrends(hub, range({ measure }), tokens.Observatory)).report);
      expect(await table('INCIDENTS')).toEqual([
        { 'data-exfiltration': 1, ransomware: 2, total: 2 },
        { 'data-exfiltration': 0, ransomware: 1, total: 1 },
      ]);
      // Alpha's incident counts with its latest version (5 days), in the week it was first received.
      expect(await table('DISRUPTED_CARE_DAYS')).toEqual([
        { 'data-exfiltration': 1, ransomware: 6, total: 6 },
        { 'data-exfiltration': 0, ransomware: 2, total: 2 },
      ]);
      expect(await table('DIVERSION_HOURS')).toEqual([
        { ransomware: 30, total: 30 },
        { ransomware: 12.5, total: 12.5 },
      ]);
      expect(await table('RECORDS_EXPOSED')).toEqual([
        { 'data-exfiltration': 500, ransomware: 1700, total: 1700 },
        { 'data-exfiltration': 0, ransomware: 0, total: 0 },
      ]);
    });

    it('by sector and country: an anonymous report counts under its pseudonym only', async () => {
      const bySector = await impactTrends(hub, range({ groupBy: 'SECTOR' }), tokens.Observatory);
      expect(impactTable(bySector.report)).toEqual([
        { HEALTHCARE_PROVIDER: 2, total: 2 },
        { HEALTHCARE_PROVIDER: 1, total: 1 },
      ]);
      const byCountry = await impactTrends(hub, range({ groupBy: 'COUNTRY' }), tokens.Observatory);
      expect(impactTable(byCountry.report)).toEqual([
        { '(none)': 0, CZ: 1, DE: 1, total: 2 },
        { '(none)': 1, CZ: 0, DE: 0, total: 1 },
      ]);
    });

    it('by organisation size: as when the report was stored, an anonymous report under (none)', async () => {
      const bySize = async () => impactTable((await impactTrends(hub, range({ groupBy: 'ORGANIZATION_SIZE' }), tokens.Observatory)).report);
      const expected = [
        { '(none)': 0, LARGE: 1, MEDIUM: 1, total: 2 },
        { '(none)': 1, LARGE: 0, MEDIUM: 0, total: 1 },
      ];
      expect(await bySize()).toEqual(expected);
      // Members read an organisation's size as they read its sector; a change moves no figure already given.
      const admin = await adminToken(hub);
      const update = await hub.graphql<{ updateOrganization: { size: string } }>(
        `mutation U($id: ID!) { updateOrganization(id: $id, input: { size: LARGE }) { size } }`,
        { id: orgs.Bravo.id },
        admin,
      );
      expect(update.data?.updateOrganization.size).toBe('LARGE');
      const read = await hub.graphql<{ organization: { sector: string; size: string } }>(`query O($id: ID!) { organization(id: $id) { sector size } }`, { id: orgs.Bravo.id }, tokens.Observatory);
      expect(read.data?.organization).toEqual({ sector: 'HEALTHCARE_PROVIDER', size: 'LARGE' });
      expect(await bySize()).toEqual(expected);
      const bad = await hub.graphql(`mutation { updateOrganization(id: "${orgs.Bravo.id}", input: { size: HUGE }) { size } }`, {}, admin);
      expect(bad.errors?.length).toBe(1);
    });

    it('by month and day', async () => {
      const byDay = await impactTrends(hub, range({ bucket: 'DAY', to: at(week1, 3).toISOString(), measure: 'DISRUPTED_CARE_DAYS' }), tokens.Observatory);
      expect(impactTable(byDay.report)).toEqual([
        { 'data-exfiltration': 0, ransomware: 0, total: 0 },
        { 'data-exfiltration': 0, ransomware: 5, total: 5 },
        { 'data-exfiltration': 1, ransomware: 1, total: 1 },
      ]);
      const byMonth = await impactTrends(hub, range({ bucket: 'MONTH' }), tokens.Observatory);
      expect(byMonth.report.total).toEqual({ count: 3, suppressed: false });
    });

    it('what a reader of the AMBER reports reads counts for them', async () => {
      // Bravo reads its own AMBER report and Alpha's denial of service; Alpha its own, Charlie's and Bravo's.
      const bravo = impactTable((await impactTrends(hub, range(), tokens.Bravo)).report);
      expect(bravo[0]).toEqual({ 'data-exfiltration': 1, 'denial-of-service': 1, ransomware: 3, total: 4 });
      const alpha = impactTable((await impactTrends(hub, range({ measure: 'DISRUPTED_CARE_DAYS' }), tokens.Alpha)).report);
      expect(alpha[0]).toEqual({ 'data-exfiltration': 1, 'denial-of-service': 4, ransomware: 9, total: 13 });
    });

    it('refuses bad questions with paths, and unauthenticated callers', async () => {
      const bad = await hub.graphql(
        `query { impactTrends(input: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", bucket: MONTH, groupBy: SECTOR, scope: SECTOR_WIDE }) { k } }`,
        {},
        tokens.Observatory,
      );
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.bucket' }] });
      const anonymous = await hub.graphql(`query { impactTrends(input: { from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", bucket: WEEK, groupBy: SECTOR }) { k } }`);
      expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('impact trends sector-wide: the k rule and the differencing attacks of trends', () => {
    const MEASURES = ['INCIDENTS', 'DISRUPTED_CARE_DAYS', 'DIVERSION_HOURS', 'RECORDS_EXPOSED'] as const;
    const GROUPINGS = ['INCIDENT_TYPE', 'SECTOR', 'COUNTRY', 'ORGANIZATION_SIZE'] as const;

    async function answers(): Promise<Record<string, string>> {
      const all: Record<string, string> = {};
      for (const measure of MEASURES) {
        for (const groupBy of GROUPINGS) {
          all[`${measure} ${groupBy}`] = JSON.stringify((await impactTrends(hub, range({ measure, groupBy, scope: 'SECTOR_WIDE' }), tokens.Observatory)).report);
        }
      }
      return all;
    }

    it('counts the AMBER reports of three organisations in the total only: no cell stands on k', async () => {
      const { report } = await impactTrends(hub, range({ scope: 'SECTOR_WIDE', measure: 'DISRUPTED_CARE_DAYS' }), tokens.Observatory);
      const [first, second] = report.buckets;
      expect(first).toMatchObject({ complete: true, countsUnreadable: true, total: { count: 13, suppressed: false } });
      // Each cell of the week holds reports of fewer than three organisations: suppressed, empty ones too.
      expect(first.groups.every((group) => group.suppressed)).toBe(true);
      expect(first.groups.find((group) => group.key === 'ransomware')).toEqual({ key: 'ransomware', count: null, suppressed: true });
      expect(second).toMatchObject({ countsUnreadable: false, total: { count: 2, suppressed: false } });
      expect(second.groups.find((group) => group.key === 'ransomware')).toEqual({ key: 'ransomware', count: 2, suppressed: false });
      expect(report.totals.every((group) => group.suppressed)).toBe(true);
      expect(report.total).toEqual({ count: 15, suppressed: false });
    });

    it("one AMBER report of the only GOVERNMENT member changes no answer in a week of fewer than k, and only totals in a week of k", async () => {
      const before = await answers();
      await report('Lone', 'AMBER', { name: 'Lone agency outage', types: ['ransomware'], care: { disrupted_care_days: 7, ed_diversion_hours: 3 } }, at(week1, 9, 9), { organizationIds: [orgs.Alpha.id] });
      expect(await answers()).toEqual(before);

      await report('Lone', 'AMBER', { types: ['ransomware'], care: { disrupted_care_days: 7 } }, at(week1, 2, 9), { organizationIds: [orgs.Alpha.id] });
      const after = await answers();
      for (const [question, text] of Object.entries(after)) {
        const was = JSON.parse(before[question]);
        const now = JSON.parse(text);
        // Same keys, same suppression, same figures everywhere but the first week's total and the range total.
        expect(now.buckets.map((bucket: { groups: unknown }) => bucket.groups)).toEqual(was.buckets.map((bucket: { groups: unknown }) => bucket.groups));
        expect(now.buckets[1]).toEqual(was.buckets[1]);
        expect(now.totals).toEqual(was.totals);
      }
      expect(JSON.parse(after['DISRUPTED_CARE_DAYS SECTOR']).buckets[0].total).toEqual({ count: 20, suppressed: false });
      // The total minus the shown cells is never the lone organisation's figure: no cell of week 1 is shown.
      expect(JSON.parse(after['DISRUPTED_CARE_DAYS SECTOR']).buckets[0].groups.find((group: { key: string }) => group.key === 'GOVERNMENT')).toEqual({ key: 'GOVERNMENT', count: null, suppressed: true });
      // Lone gave no size: its "(none)" cell is withheld too, and every band is listed whatever the data.
      const bySize = JSON.parse(after['DISRUPTED_CARE_DAYS ORGANIZATION_SIZE']).buckets[0].groups;
      expect(bySize).toEqual(['(none)', 'LARGE', 'MEDIUM', 'MICRO', 'SMALL'].map((key) => ({ key, count: null, suppressed: true })));
    });

    it('no answer names a reporting organisation, its identity or an unreadable incident', async () => {
      const texts = Object.values(await answers()).join('\n');
      for (const organization of Object.values(orgs)) {
        expect(texts).not.toContain(organization.name);
        expect(texts).not.toContain(organization.id);
        expect(texts).not.toContain(organization.identityId);
      }
      expect(texts).not.toMatch(/incident--|Charlie Pharma breach|Lone agency outage/);
    });
  });

  describe('human-impact briefing', () => {
    it('gives the last complete quarter: totals per measure, incident type, sector and country', async () => {
      const now = new Date();
      const quarter = Math.floor(now.getUTCMonth() / 3) * 3;
      const previousQuarter = new Date(Date.UTC(now.getUTCFullYear(), quarter - 3, 1));
      await report('Alpha', 'GREEN', { care: { disrupted_care_days: 3, ed_diversion_hours: 2 } }, at(previousQuarter, 10, 9));
      await report('Bravo', 'GREEN', { types: ['denial-of-service'], care: { disrupted_care_days: 4 } }, at(previousQuarter, 20, 9));
      const response = await hub.graphql<{ impactBriefing: { quarter: string; measures: { measure: string; total: { count: number }; byIncidentType: { key: string; count: number }[]; bySector: { key: string; count: number }[]; byCountry: { key: string; count: number }[]; bySize: { key: string; count: number }[] }[] } }>(
        `{ impactBriefing { quarter measures { measure total { count suppressed } byIncidentType { key count } bySector { key count } byCountry { key count } bySize { key count } } } }`,
        {},
        tokens.Observatory,
      );
      const briefing = response.data!.impactBriefing;
      expect(briefing.quarter).toBe(`${previousQuarter.getUTCFullYear()}-Q${previousQuarter.getUTCMonth() / 3 + 1}`);
      const figures = Object.fromEntries(
        briefing.measures.map((entry) => [
          entry.measure,
          { total: entry.total.count, types: Object.fromEntries(entry.byIncidentType.map((group) => [group.key, group.count])), sectors: Object.fromEntries(entry.bySector.map((group) => [group.key, group.count])), countries: Object.fromEntries(entry.byCountry.map((group) => [group.key, group.count])), sizes: Object.fromEntries(entry.bySize.map((group) => [group.key, group.count])) },
        ]),
      );
      expect(figures.INCIDENTS).toEqual({ total: 2, types: { 'denial-of-service': 1, ransomware: 1 }, sectors: { HEALTHCARE_PROVIDER: 2 }, countries: { CZ: 1, DE: 1 }, sizes: { LARGE: 2 } });
      expect(figures.DISRUPTED_CARE_DAYS).toEqual({ total: 7, types: { 'denial-of-service': 4, ransomware: 3 }, sectors: { HEALTHCARE_PROVIDER: 7 }, countries: { CZ: 3, DE: 4 }, sizes: { LARGE: 7 } });
      expect(figures.DIVERSION_HOURS).toEqual({ total: 2, types: { ransomware: 2 }, sectors: { HEALTHCARE_PROVIDER: 2 }, countries: { CZ: 2 }, sizes: { LARGE: 2 } });
      const future = await hub.graphql(`{ impactBriefing(input: { at: "2999-01-01T00:00:00Z" }) { quarter } }`, {}, tokens.Observatory);
      expect(future.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.at' }] });
    });
  });

  describe('public summary', () => {
    it('counts only TLP:CLEAR reports with consent, k-anonymously, without signing in', async () => {
      const now = new Date();
      const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 2, 9));
      const consent = { consent_public_summary: true };
      await report('Alpha', 'CLEAR', { care: { disrupted_care_days: 2, ed_diversion_hours: 10, ...consent }, records: { count: 100 } }, lastMonth);
      await report('Bravo', 'CLEAR', { care: { disrupted_care_days: 1, ed_diversion_hours: 4, ...consent } }, at(lastMonth, 1));
      await report('Charlie', 'CLEAR', { care: { disrupted_care_days: 3, ed_diversion_hours: 0, ...consent } }, at(lastMonth, 2));
      // Never counted: CLEAR without consent, consent on GREEN or AMBER, a false positive.
      await report('Bravo', 'CLEAR', { care: { disrupted_care_days: 100 } }, at(lastMonth, 3));
      await report('Lone', 'GREEN', { care: { disrupted_care_days: 50, ...consent } }, at(lastMonth, 3));
      await report('Delta', 'AMBER', { care: { disrupted_care_days: 40, ...consent } }, at(lastMonth, 3), { organizationIds: [orgs.Alpha.id] });
      await report('Delta', 'CLEAR', { determination: 'false-positive', care: { disrupted_care_days: 30, ...consent } }, at(lastMonth, 3));
      // Nor a consented CLEAR report its source revoked (a fourth organisation: it would be published).
      await revoke((await report('Delta', 'CLEAR', { care: { disrupted_care_days: 20, ...consent } }, at(lastMonth, 4))).id as string, tokens.Delta);

      const response = await fetch(`${hub.url}/public/impact-summary`);
      expect(response.status).toBe(200);
      const text = await response.text();
      const summary = JSON.parse(text);
      expect(summary.k).toBe(3);
      expect(summary.buckets).toHaveLength(12);
      const month = summary.buckets[10];
      expect(month.start).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString());
      expect(month).toMatchObject({
        published: true,
        incidents: { count: 3, suppressed: false },
        sums: {
          disruptedCareDays: { count: 6, suppressed: false },
          // Charlie's 0 hours add nothing: two organisations gave hours, fewer than k.
          edDiversionHours: { count: null, suppressed: true },
          // One organisation gave records: withheld.
          recordsExposed: { count: null, suppressed: true },
        },
      });
      // The running month is never published.
      expect(summary.buckets[11]).toMatchObject({ published: false, incidents: { count: null, suppressed: true } });
      for (const organization of Object.values(orgs)) expect(text).not.toContain(organization.name);
      expect(text).not.toMatch(/incident--|identity--/);
    });

    it("the console's public page is served without signing in", async () => {
      const page = await fetch(`${hub.url}/impact`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
    });
  });

  it('gives from incident_open_rollup exactly the row-by-row figures, also after an organisation changes sector and country', async () => {
    const service = hub.hub.app.get(ImpactTrendsService);
    const viewerService = hub.hub.app.get(ViewerService);
    const compare = async () => {
      const differences: string[] = [];
      let compared = 0;
      for (const who of ['Alpha', 'Observatory', 'Lone']) {
        const viewer = await viewerService.resolveViewer({ authorization: `Bearer ${tokens[who]}` });
        for (const scope of ['READABLE', 'SECTOR_WIDE'] as const) {
          for (const bucket of scope === 'READABLE' ? (['DAY', 'WEEK', 'MONTH'] as const) : (['WEEK'] as const)) {
            for (const groupBy of ['INCIDENT_TYPE', 'SECTOR', 'COUNTRY', 'ORGANIZATION_SIZE'] as const) {
              // Every measure is a column of the same rollup rows: all three by type, incidents for the other groupings.
              for (const measure of groupBy === 'INCIDENT_TYPE' ? (['INCIDENTS', 'DISRUPTED_CARE_DAYS', 'DIVERSION_HOURS'] as const) : (['INCIDENTS'] as const)) {
                const input = { from: at(week1, -60), to: new Date(), bucket, groupBy, scope, measure };
                const fromRollup = await service.report(viewer, input);
                const rowByRow = await service.report(viewer, input, new Date(), { rowByRow: true });
                compared += fromRollup.buckets.filter((entry) => entry.total.count).length;
                if (JSON.stringify(fromRollup) !== JSON.stringify(rowByRow)) differences.push(`${who} ${scope} ${bucket} ${groupBy} ${measure}`);
              }
            }
          }
        }
      }
      return { differences, counted: compared > 0 };
    };
    expect(await compare()).toEqual({ differences: [], counted: true });
    const admin = await adminToken(hub);
    const moved = await hub.graphql(`mutation U($id: ID!) { updateOrganization(id: $id, input: { sector: PUBLIC_HEALTH, country: "PL" }) { id } }`, { id: orgs.Bravo.id }, admin);
    expect(moved.errors).toBeUndefined();
    expect(await compare()).toEqual({ differences: [], counted: true });
    const bySector = impactTable((await impactTrends(hub, range({ groupBy: 'SECTOR' }), tokens.Observatory)).report);
    expect(bySector[0]).toEqual({ HEALTHCARE_PROVIDER: 1, PUBLIC_HEALTH: 1, total: 2 });
  });
});
