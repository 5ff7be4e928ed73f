import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS } from '../support/access-matrix';
import type { AccessMatrix } from '../support/access-matrix';
import { bundleObjects, getExport } from '../support/exports';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Exports under the access matrix (tests/support/access-matrix.ts): one address indicator and one
 * domain indicator per TLP level, a CLEAR sighting and relationship standing on each address
 * indicator, and a CLEAR report naming them all. Every relation exports in every format; an object
 * the policy hides from the viewer must be in no export, not its id, not its value, and the STIX
 * bundle holds exactly the objects the viewer may read (so no count can tell them either).
 */

const FORMATS = ['stix', 'csv', 'text', 'suricata', 'snort', 'rpz'] as const;

interface Shared {
  ipIndicator: string;
  ip: string;
  domainIndicator: string;
  domain: string;
  sighting: string;
  relationship: string;
}

describe('exports: the access matrix (every TLP level × every relation × every format)', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  const shared = new Map<TlpName, Shared>();
  let familyId: string;
  let reportId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
    const family = malware('Export matrix ransomware');
    familyId = family.id as string;
    await submitBundle(hub, matrix.submitter.token, bundle([family]), 'CLEAR');
    for (const [position, tlp] of TLPS.entries()) {
      const ip = `198.51.100.${position + 20}`;
      const domain = `${tlp.toLowerCase().replace('_', '-')}.export-matrix.example`;
      const byIp = ipIndicator(ip, { labels: ['matrix'] });
      const byDomain = indicator(`[domain-name:value = '${domain}']`, { labels: ['matrix'] });
      expect(await submitBundle(hub, matrix.submitter.token, bundle([byIp, byDomain]), tlp, matrix.audienceFor(tlp))).toMatchObject({ accepted: 2, rejected: 0 });
      const seen = sighting(byIp.id as string);
      const uses = relationship(byIp.id as string, 'indicates', familyId);
      expect(await submitBundle(hub, matrix.submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      shared.set(tlp, { ipIndicator: byIp.id as string, ip, domainIndicator: byDomain.id as string, domain, sighting: seen.id as string, relationship: uses.id as string });
    }
    const summary = report('Export matrix report', TLPS.flatMap((tlp) => [shared.get(tlp)!.ipIndicator, shared.get(tlp)!.domainIndicator]));
    expect(await submitBundle(hub, matrix.submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = summary.id as string;
  });

  afterAll(async () => {
    await hub?.close();
  });

  describe.each(TLPS)('TLP %s', (tlp) => {
    it.each(RELATIONS)('%s finds it in an export exactly when the policy allows', async (relation: Relation) => {
      const token = matrix.viewers.get(relation);
      const allowed = policyAllows(relation, tlp);
      const object = shared.get(tlp)!;
      const readable = TLPS.filter((level) => policyAllows(relation, level));

      if (token === undefined) {
        // Exports are for members: the unauthenticated caller gets a 401 in every format, and so nothing of any object.
        for (const format of FORMATS) {
          const refused = await getExport(hub, format, {}, token);
          expect(refused.status).toBe(401);
          expect(refused.text).not.toContain(object.ipIndicator);
        }
        return;
      }
      const stix = await getExport(hub, 'stix', {}, token);
      expect(stix.status).toBe(200);
      const objects = bundleObjects(stix.text);
      // Exactly the readable objects: the CLEAR malware and report, and per readable level its two
      // indicators, the sighting and the relationship.
      const expected = [familyId, reportId, ...readable.flatMap((level) => Object.values(shared.get(level)!).filter((value) => value.includes('--')))];
      expect(objects.map((found) => found.id).sort()).toEqual(expected.sort());
      const summary = objects.find((found) => found.id === reportId)!;
      expect((summary.object_refs as string[]).includes(object.ipIndicator)).toBe(allowed);

      for (const format of FORMATS) {
        const { status, text } = format === 'stix' ? stix : await getExport(hub, format, {}, token);
        expect(status).toBe(200);
        // The source organisation's name is in no export, whoever asks.
        expect(text).not.toContain(matrix.source.name);
        if (allowed) {
          // RPZ blocks names only; the other observable formats carry both values.
          if (format !== 'rpz') expect(text).toContain(object.ip);
          expect(text).toContain(object.domain);
        } else {
          for (const hidden of Object.values(object)) expect(text).not.toContain(hidden);
        }
      }
    });
  });

  it('audits an export of AMBER objects: the export and a read row listing them, for a key and for a person', async () => {
    const amber = shared.get('AMBER')!;
    const reads = async (organizationId: string) => {
      const [{ n }] = await queryDatabase<{ n: number }>(
        hub.databaseUrl,
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read' AND actor_organization_id = $1 AND details->'objects' @> $2::jsonb`,
        [organizationId, JSON.stringify([{ id: amber.ipIndicator }])],
      );
      return n;
    };
    const exportsOf = async (organizationId: string) => {
      const rows = await queryDatabase<{ details: { format: string; filter: Record<string, unknown> }; actor_kind: string }>(
        hub.databaseUrl,
        `SELECT details, actor_kind FROM audit_log WHERE action = 'export' AND actor_organization_id = $1 ORDER BY seq`,
        [organizationId],
      );
      return rows;
    };
    for (const relation of ['INTERNAL key of the recipient organisation', 'named recipient organisation'] as const) {
      const before = await reads(matrix.recipient.id);
      const exportsBefore = (await exportsOf(matrix.recipient.id)).length;
      const answer = await getExport(hub, 'csv', { maxTlp: 'AMBER', labels: 'matrix' }, matrix.viewers.get(relation));
      expect(answer.text).toContain(amber.ip);
      expect(await reads(matrix.recipient.id)).toBe(before + 1);
      const rows = await exportsOf(matrix.recipient.id);
      expect(rows).toHaveLength(exportsBefore + 1);
      expect(rows[rows.length - 1]).toMatchObject({
        actor_kind: relation.includes('key') ? 'key' : 'user',
        details: { format: 'csv', filter: { labels: ['matrix'], tlp: ['CLEAR', 'GREEN', 'AMBER'], revoked: false } },
      });
    }
  });

  it('maxTlp leaves out the levels above it, also for a viewer who may read them', async () => {
    const text = (await getExport(hub, 'text', { maxTlp: 'GREEN' }, matrix.submitter.token)).text;
    expect(text).toContain(shared.get('GREEN')!.ip);
    for (const level of ['AMBER', 'AMBER_STRICT', 'RED'] as const) expect(text).not.toContain(shared.get(level)!.ip);
    const red = (await getExport(hub, 'text', { maxTlp: 'RED' }, matrix.submitter.token)).text;
    expect(red).toContain(shared.get('RED')!.ip);
  });
});
