import { readFileSync } from 'node:fs';
import { PATIENT_CARE_EXTENSION_ID, patientCareExtensionDefinition } from '@hub/incident-rules';
import { PatientCareDefinitionBootstrap } from '@hub/incidents';
import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS, type AccessMatrix } from '../support/access-matrix';
import { importFile, jobResults, type ImportJobStatus } from '../support/imports';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, relationship } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Supply-chain exposure, end to end on one hub. The organisations of the access matrix declare what
 * they run; the source organisation (the vendor) shares one advisory per TLP level about a package
 * they all run. Exactly the organisations that may read an advisory are exposed and alerted; every
 * viewer reads only its own organisation's inventories and exposures; others see only k-suppressed
 * numbers of sector-wide advisories, as of the last complete week, that no triage changes. Three
 * bystander organisations declare nothing, so that "all but a few" does not suppress every number.
 */

type Org = 'source' | 'recipient' | 'grouped' | 'public body' | 'named user employer' | 'unrelated' | 'operator';

const ORG_OF: Record<Relation, Org | undefined> = {
  submitter: 'source',
  'colleague of the submitter': 'source',
  'admin of the source organisation': 'source',
  'INTERNAL key of the source': 'source',
  'CLIENTS key of the source': 'source',
  'named recipient organisation': 'recipient',
  'INTERNAL key of the recipient organisation': 'recipient',
  'CLIENTS key of the recipient organisation': 'recipient',
  'member of a recipient sharing group': 'grouped',
  'CLIENTS key of a recipient sharing group member': 'grouped',
  'member of a built-in audience': 'public body',
  'named recipient user': 'named user employer',
  'colleague of the named user': 'named user employer',
  "named user's own key": 'named user employer',
  'unrelated member': 'unrelated',
  'unrelated analyst': 'unrelated',
  'unrelated focal point': 'unrelated',
  'unrelated INTERNAL key': 'unrelated',
  'hub admin': 'operator',
  unauthenticated: undefined,
};

// Which organisations may read an advisory of each level, as a whole (docs/access-policy.md with the
// matrix's audience: the recipient, the group, the PUBLIC_SECTOR audience and one named person).
function organizationReads(org: Org, tlp: TlpName): boolean {
  if (tlp === 'CLEAR' || tlp === 'GREEN') return org !== 'operator';
  if (tlp === 'RED') return false; // RED names people, never an organisation
  return ['source', 'recipient', 'grouped', 'public body'].includes(org);
}

// One person of each organisation declares (the operator declares nothing).
const DECLARER: Partial<Record<Org, Relation>> = {
  source: 'submitter',
  recipient: 'named recipient organisation',
  grouped: 'member of a recipient sharing group',
  'public body': 'member of a built-in audience',
  'named user employer': 'named recipient user',
  unrelated: 'unrelated member',
};

const PEOPLE = RELATIONS.filter((relation) => !relation.includes('key') && relation !== 'unauthenticated');

const EXPOSURES = `{ exposures(first: 100) { totalCount edges { node { id vulnerability { id stix } component status matchedAt verdict silenced inventory } } } }`;
const INVENTORIES = `{ inventories { id name version format componentCount current } }`;
const DECLARE = `mutation Declare($input: DeclareInventoryInput!) { declareInventory(input: $input) { id name version format componentCount current } }`;

interface ExposureNode {
  id: string;
  vulnerability: { id: string; stix: Record<string, unknown> };
  component: string;
  status: string;
  verdict: string;
  inventory: string;
}

function vulnerability(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `vulnerability--${crypto.randomUUID()}`;
  return { type: 'vulnerability', spec_version: '2.1', id, created: '2026-11-01T00:00:00.000Z', modified: '2026-11-01T00:00:00.000Z', name, external_references: [{ source_name: 'cve', external_id: name }], ...overrides };
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('exposure: inventories, matching, alerts and counts under the access rules', () => {
  let hub: TestHub;
  let matrix: AccessMatrix;
  const advisories = new Map<TlpName, string>();
  const softwareIds = new Map<TlpName, string>();
  const bystanders: { id: string }[] = [];
  let recipientFocalPoint: string;
  const token = (relation: Relation) => matrix.viewers.get(relation);

  async function exposuresOf(relation: Relation): Promise<ExposureNode[]> {
    const answer = await hub.graphql<{ exposures: { edges: { node: ExposureNode }[] } }>(EXPOSURES, {}, token(relation));
    expect({ relation, errors: answer.errors }).toEqual({ relation, errors: undefined });
    return answer.data!.exposures.edges.map((edge) => edge.node);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
    const admin = await adminToken(hub);
    for (const name of ['Bystander clinic', 'Bystander hospital', 'Bystander laboratory']) {
      bystanders.push(await createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' }));
    }
    // A focal point who may read the AMBER advisory (the matrix's focal point may not).
    recipientFocalPoint = (await createUser(hub, admin, { email: 'focal@recipient.test', role: 'FOCAL_POINT', organizationId: matrix.recipient.id })).token;
    // Everyone but "unrelated" declares before the advisories (advisory → inventories); "unrelated" after (inventory → advisories).
    for (const [org, relation] of Object.entries(DECLARER)) {
      if (org === 'unrelated') continue;
      const declared = await hub.graphql(DECLARE, { input: { name: `${org} site`, format: 'PURL_LIST', document: 'pkg:npm/left-pad@1.0.0\npkg:npm/left-pad@1.0.0\npkg:npm/express@4.18.2\n' } }, token(relation));
      expect(declared.errors).toBeUndefined();
    }
    for (const tlp of TLPS) {
      const software = { type: 'software', spec_version: '2.1', id: `software--${crypto.randomUUID()}`, name: 'left-pad', x_hub_purl: 'pkg:npm/left-pad', x_hub_version_range: 'vers:npm/<1.3.0' };
      const advisory = vulnerability(`CVE-2026-9${TLPS.indexOf(tlp)}001`);
      const result = await submitBundle(hub, matrix.submitter.token, bundle([software, advisory, relationship(software.id, 'has', String(advisory.id))]), tlp, matrix.audienceFor(tlp));
      expect(result).toMatchObject({ accepted: 3, rejected: 0 });
      advisories.set(tlp, String(advisory.id));
      softwareIds.set(tlp, software.id);
    }
    // The queue is drained in order: once the source sees its last readable advisory, every advisory is matched.
    await eventually(() => exposuresOf('submitter'), (nodes) => nodes.length === 4);
    const late = await hub.graphql(DECLARE, { input: { name: 'unrelated site', format: 'PURL_LIST', document: 'pkg:npm/left-pad@1.2.9' } }, token('unrelated member'));
    expect(late.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
  });

  it('lists for every viewer exactly the exposures of its own organisation that it may read', async () => {
    const seen: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const relation of RELATIONS) {
      const org = ORG_OF[relation];
      if (!org) continue;
      seen[relation] = (await exposuresOf(relation)).map((node) => node.vulnerability.id).sort();
      expected[relation] = TLPS.filter((tlp) => org !== 'operator' && organizationReads(org, tlp) && policyAllows(relation, tlp))
        .map((tlp) => advisories.get(tlp)!)
        .sort();
    }
    expect(seen).toEqual(expected);
    const unauthenticated = await hub.graphql(EXPOSURES, {});
    expect(unauthenticated.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('names the matching component, merged, with the advisory as the organisation may read it', async () => {
    const nodes = await exposuresOf('unrelated member');
    expect(nodes.map((node) => [node.component, node.status, node.verdict, node.inventory, node.vulnerability.stix.name]).sort()).toEqual([
      ['left-pad 1.2.9', 'UNTRIAGED', 'affected', 'unrelated site', 'CVE-2026-90001'],
      ['left-pad 1.2.9', 'UNTRIAGED', 'affected', 'unrelated site', 'CVE-2026-91001'],
    ]);
  });

  it('alerts exactly the people of the exposed organisations (a named person reading RED is not its organisation)', async () => {
    const seen: Record<string, string[]> = {};
    const expected: Record<string, string[]> = {};
    for (const relation of PEOPLE) {
      const org = ORG_OF[relation]!;
      const answer = await hub.graphql<{ alerts: { edges: { node: { kind: string; watchFilterId: string | null; watchFilterName: string; object: { id: string } } }[] } }>(
        '{ alerts(first: 100) { edges { node { kind watchFilterId watchFilterName object { id } } } } }',
        {},
        token(relation),
      );
      seen[relation] = answer.data!.alerts.edges.map(({ node }) => `${node.kind}|${node.watchFilterName}|${node.watchFilterId}|${node.object.id}`).sort();
      expected[relation] = TLPS.filter((tlp) => org !== 'operator' && organizationReads(org, tlp) && policyAllows(relation, tlp))
        .map((tlp) => `EXPOSURE|Supply-chain exposure|null|${advisories.get(tlp)}`)
        .sort();
    }
    expect(seen).toEqual(expected);
  });

  it('shows each organisation only its own inventories, with versions and merged duplicates', async () => {
    const seen: Record<string, string[]> = {};
    for (const relation of RELATIONS) {
      if (relation === 'unauthenticated') continue;
      const answer = await hub.graphql<{ inventories: { name: string; version: number; componentCount: number }[] }>(INVENTORIES, {}, token(relation));
      seen[relation] = answer.data!.inventories.map((inventory) => `${inventory.name} v${inventory.version} (${inventory.componentCount})`);
    }
    const expected: Record<string, string[]> = {};
    for (const relation of RELATIONS) {
      const org = ORG_OF[relation];
      if (!org) continue;
      expected[relation] = org === 'operator' ? [] : org === 'unrelated' ? ['unrelated site v1 (1)'] : [`${org} site v1 (2)`];
    }
    expect(seen).toEqual(expected);
    // Another organisation's inventory id reads as one that does not exist.
    const [own] = (await hub.graphql<{ inventories: { id: string }[] }>(INVENTORIES, {}, token('submitter'))).data!.inventories;
    const foreign = await hub.graphql('{ inventoryComponents(id: "' + own.id + '") { key } }', {}, token('hub admin'));
    expect(foreign.data).toEqual({ inventoryComponents: [] });
    const retire = await hub.graphql(`mutation { retireInventory(id: "${own.id}") { id } }`, {}, token('unrelated member'));
    const absent = await hub.graphql(`mutation { retireInventory(id: "${crypto.randomUUID()}") { id } }`, {}, token('unrelated member'));
    expect([retire.errors?.[0]?.message, retire.errors?.[0]?.extensions?.code]).toEqual([absent.errors?.[0]?.message, 'NOT_FOUND']);
  });

  it('refuses malformed inventories with the path of the fault', async () => {
    const cases: [string, string, unknown][] = [
      ['PURL_LIST', 'pkg:npm/left-pad@1.0.0\nnot a purl', [{ path: 'document.lines[1]', message: expect.any(String) }]],
      ['CPE_LIST', 'cpe:2.3:a:acme:pump:1.0:*:*:*:*:*:*', [{ path: 'document.lines[0]', message: expect.stringContaining('CPE') }]],
      ['CYCLONEDX', JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.5', components: [{ type: 'library', name: 'x', purl: 'pkg:' }] }), [{ path: 'document.components[0].purl', message: expect.any(String) }]],
      ['SPDX', 'pkg:npm/left-pad@1.0.0', [{ path: 'document', message: 'is a plain list, not SPDX' }]],
    ];
    for (const [format, document, errors] of cases) {
      const answer = await hub.graphql(DECLARE, { input: { name: 'broken', format, document } }, token('submitter'));
      expect({ format, code: answer.errors?.[0]?.extensions?.code, errors: answer.errors?.[0]?.extensions?.errors }).toEqual({ format, code: 'BAD_USER_INPUT', errors });
    }
    const inventories = (await hub.graphql<{ inventories: { name: string }[] }>(INVENTORIES, {}, token('submitter'))).data!.inventories;
    expect(inventories.map((inventory) => inventory.name)).toEqual(['source site']);
  });

  const vendor = (relation: Relation, id: string) => hub.graphql<{ vendorExposure: unknown }>(`{ vendorExposure(vulnerabilityId: "${id}") { organizations suppressed k } }`, {}, token(relation));
  const countsQuery = (viewer: string | undefined, id: string) =>
    hub.graphql<{ exposureCounts: { buckets: { groups: { key: string; count: number | null }[] }[] } }>(
      `query C($id: ID!, $from: DateTime!, $to: DateTime!) { exposureCounts(vulnerabilityId: $id, from: $from, to: $to) { k buckets { start groups { key count suppressed } } } }`,
      { id, from: new Date(Date.now() - 35 * 86_400_000).toISOString(), to: new Date().toISOString() },
      viewer,
    );
  const shownCells = async (viewer: string | undefined, id: string) =>
    (await countsQuery(viewer, id)).data!.exposureCounts.buckets.flatMap((bucket) => bucket.groups.filter((group) => group.count !== null).map((group) => `${group.key}:${group.count}`));
  // Counts are as of the last complete week: move the tally (and the organisations) two weeks back, as if it all were older.
  const ageEverything = () => queryDatabase(hub.databaseUrl, `UPDATE exposure_tally SET first_matched_at = now() - interval '14 days'; UPDATE organization SET created_at = now() - interval '20 days'`);

  it('gives the vendor and focal points numbers of sector-wide advisories only, as of the last complete week, k on both sides, unchanged by a triage', async () => {
    // Matched this week: nothing is published yet.
    expect((await vendor('submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: null, suppressed: true, k: 3 } });
    await ageEverything();
    // Six organisations run left-pad; the vendor is not counted among them (5), and 4 of the 9 others do not run it.
    expect((await vendor('submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: 5, suppressed: false, k: 3 } });
    expect((await vendor('submitter', advisories.get('CLEAR')!)).data).toEqual({ vendorExposure: { organizations: 5, suppressed: false, k: 3 } });
    // AMBER was matched against its audience only: a number would name them.
    expect((await vendor('submitter', advisories.get('AMBER')!)).data).toEqual({ vendorExposure: { organizations: null, suppressed: true, k: 3 } });
    expect((await vendor('submitter', advisories.get('RED')!)).data).toEqual({ vendorExposure: { organizations: null, suppressed: true, k: 3 } });
    // Not the vendor: the same answer as for an id nobody holds.
    const notVendor = await vendor('named recipient organisation', advisories.get('GREEN')!);
    const nobody = await vendor('named recipient organisation', `vulnerability--${crypto.randomUUID()}`);
    expect([notVendor.errors?.[0]?.message, notVendor.errors?.[0]?.extensions?.code]).toEqual([nobody.errors?.[0]?.message, 'NOT_FOUND']);
    // The vendor's own people and keys who may not read its RED advisory: as for an id nobody holds too.
    for (const relation of ['colleague of the submitter', 'INTERNAL key of the source'] as const) {
      const hiddenRed = await vendor(relation, advisories.get('RED')!);
      const absent = await vendor(relation, `vulnerability--${crypto.randomUUID()}`);
      expect({ data: hiddenRed.data, message: hiddenRed.errors?.[0]?.message, code: hiddenRed.errors?.[0]?.extensions?.code }).toEqual({
        data: absent.data,
        message: absent.errors?.[0]?.message,
        code: 'NOT_FOUND',
      });
    }
    expect((await vendor('colleague of the submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: 5, suppressed: false, k: 3 } });

    // The focal point's own organisation ("unrelated") is left out: 5 of the 8 other healthcare providers.
    const before = await shownCells(token('unrelated focal point'), advisories.get('GREEN')!);
    expect(before).toEqual(['HEALTHCARE_PROVIDER:5']);
    // A focal point who may read the AMBER advisory still gets no number for it.
    expect(await shownCells(recipientFocalPoint, advisories.get('AMBER')!)).toEqual([]);
    // A member's triage changes nothing others can see.
    const [exposure] = await exposuresOf('named recipient organisation');
    const triaged = await hub.graphql<{ triageExposure: { status: string } }>(`mutation { triageExposure(id: "${exposure.id}", status: NOT_AFFECTED) { status } }`, {}, token('named recipient organisation'));
    expect(triaged.data).toEqual({ triageExposure: { status: 'NOT_AFFECTED' } });
    expect(await shownCells(token('unrelated focal point'), advisories.get('GREEN')!)).toEqual(before);
    // Only focal points; an advisory the focal point cannot read is answered as an absent one; refusals are audited too.
    const forbidden = await countsQuery(token('unrelated member'), advisories.get('GREEN')!);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const hidden = await countsQuery(token('unrelated focal point'), advisories.get('AMBER')!);
    const absent = await countsQuery(token('unrelated focal point'), `vulnerability--${crypto.randomUUID()}`);
    expect([hidden.errors?.[0]?.message, hidden.errors?.[0]?.extensions?.code]).toEqual([absent.errors?.[0]?.message, 'NOT_FOUND']);
    const refusals = await queryDatabase<{ action: string; outcome: string; reason: string }>(
      hub.databaseUrl,
      `SELECT action, outcome, details->>'reason' AS reason FROM audit_log WHERE action LIKE 'exposure.%' AND outcome <> 'success' ORDER BY seq`,
    );
    expect(refusals).toEqual([
      // Not the vendor, and an absent id; then a hidden RED advisory and an absent id for each of two of the vendor's own.
      ...Array(6).fill({ action: 'exposure.vendor_count', outcome: 'denied', reason: 'NOT_FOUND' }),
      { action: 'exposure.counts', outcome: 'denied', reason: 'FORBIDDEN' },
      { action: 'exposure.counts', outcome: 'denied', reason: 'NOT_FOUND' },
      { action: 'exposure.counts', outcome: 'denied', reason: 'NOT_FOUND' },
    ]);
  });

  it('does not move the vendor count when an organisation declares, until its week is over', async () => {
    const [bystander] = bystanders;
    const person = await createUser(hub, await adminToken(hub), { email: 'it@bystander.test', role: 'MEMBER', organizationId: bystander.id });
    const declared = await hub.graphql(DECLARE, { input: { name: 'clinic', format: 'PURL_LIST', document: 'pkg:npm/left-pad@1.1.0' } }, person.token);
    expect(declared.errors).toBeUndefined();
    const [{ count }] = await queryDatabase<{ count: number }>(hub.databaseUrl, `SELECT count(*)::int AS count FROM exposure_tally WHERE organization_id = $1`, [bystander.id]);
    expect(count).toBe(2); // CLEAR and GREEN, matched now
    expect((await vendor('submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: 5, suppressed: false, k: 3 } });
    await queryDatabase(hub.databaseUrl, `UPDATE exposure_tally SET first_matched_at = now() - interval '14 days' WHERE organization_id = $1`, [bystander.id]);
    expect((await vendor('submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: 6, suppressed: false, k: 3 } });
  });

  it('gives no number for a narrowly shared advisory, so audiences cannot be told apart (differencing)', async () => {
    const wide = { organizationIds: [matrix.recipient.id], sharingGroupIds: [matrix.group.id], audiences: ['PUBLIC_SECTOR'] };
    const advisory = async (tlp: TlpName, audience: Record<string, unknown> | undefined, softwareTlp: TlpName = tlp, softwareAudience = audience) => {
      const software = { type: 'software', spec_version: '2.1', id: `software--${crypto.randomUUID()}`, name: 'left-pad', x_hub_purl: 'pkg:npm/left-pad', x_hub_version_range: 'vers:npm/<1.3.0' };
      const advisory = vulnerability('CVE-2026-95001');
      const id = String(advisory.id);
      expect(await submitBundle(hub, matrix.submitter.token, bundle([software]), softwareTlp, softwareAudience as never)).toMatchObject({ accepted: 1 });
      expect(await submitBundle(hub, matrix.submitter.token, bundle([advisory, relationship(software.id, 'has', id)]), tlp, audience as never)).toMatchObject({ accepted: 2 });
      return id;
    };
    const narrow = await advisory('AMBER', { organizationIds: [matrix.recipient.id], sharingGroupIds: [matrix.group.id] });
    const withRecipient = await advisory('AMBER', wide);
    const withoutRecipient = await advisory('AMBER', { sharingGroupIds: [matrix.group.id], audiences: ['PUBLIC_SECTOR'] });
    // A GREEN advisory about AMBER software is matched only where the software may be read.
    const greenAboutAmber = await advisory('GREEN', undefined, 'AMBER', wide);
    await eventually(
      () => queryDatabase<{ count: number }>(hub.databaseUrl, `SELECT count(*)::int AS count FROM exposure WHERE vulnerability_id = ANY($1)`, [[narrow, withRecipient, withoutRecipient, greenAboutAmber]]),
      ([row]) => row.count === 3 + 4 + 3 + 4,
    );
    await ageEverything();
    const answers = [];
    for (const id of [narrow, withRecipient, withoutRecipient, greenAboutAmber]) answers.push((await vendor('submitter', id)).data);
    expect(answers).toEqual(answers.map(() => ({ vendorExposure: { organizations: null, suppressed: true, k: 3 } })));
    expect([await shownCells(recipientFocalPoint, withRecipient), await shownCells(recipientFocalPoint, greenAboutAmber)]).toEqual([[], []]);
  });

  it('triage by another organisation is answered as for an absent exposure', async () => {
    const [exposure] = await exposuresOf('submitter');
    const foreign = await hub.graphql(`mutation { triageExposure(id: "${exposure.id}", status: FIXED) { id } }`, {}, token('named recipient organisation'));
    const absent = await hub.graphql(`mutation { triageExposure(id: "999999999", status: FIXED) { id } }`, {}, token('named recipient organisation'));
    expect([foreign.errors?.[0]?.message, foreign.errors?.[0]?.extensions?.code]).toEqual([absent.errors?.[0]?.message, 'NOT_FOUND']);
    expect((await exposuresOf('submitter')).find((node) => node.id === exposure.id)?.status).toBe('UNTRIAGED');
  });

  it('imports a CSAF advisory, keeps the document, and matches devices by model and version range', async () => {
    const declared = await hub.graphql(DECLARE, { input: { name: 'pumps', format: 'DEVICE_LIST', document: 'vendor,product,model,version\nAcme Medical Inc.,Infusion Pump,IP-3000,3.1\nAcme Medical,Infusion Pump,IP-3000,3.2\n' } }, token('named recipient organisation'));
    expect(declared.errors).toBeUndefined();
    const document = readFileSync(new URL('../fixtures/exposure/acme-pump-advisory.json', import.meta.url), 'utf8');
    const job = await importFile(hub.url, matrix.submitter.token, { format: 'csaf', tlp: 'AMBER', organizationIds: [matrix.recipient.id] }, document);
    expect(job).toMatchObject({ status: 'done', accepted: 5, rejected: 0 });
    const pumps = await eventually(
      async () => (await exposuresOf('named recipient organisation')).filter((node) => node.inventory === 'pumps'),
      (nodes) => nodes.length > 0,
    );
    expect(pumps.map((node) => [node.component, node.verdict, node.vulnerability.stix.name])).toEqual([['Infusion Pump 3.1', 'affected', 'CVE-2026-10001']]);
    const artifacts = await hub.graphql<{ objects: { edges: { node: { stix: { payload_bin: string } } }[] } }>('{ objects(filter: { types: ["artifact"] }) { edges { node { stix } } } }', {}, token('named recipient organisation'));
    expect(artifacts.data!.objects.edges.map(({ node }) => JSON.parse(Buffer.from(node.stix.payload_bin, 'base64').toString('utf8')).document.tracking.id)).toEqual(['ACME-2026-007']);
    // Malformed CSAF: the job fails with the path of the fault.
    const broken = JSON.parse(document) as { vulnerabilities: { product_status: Record<string, string[]> }[] };
    broken.vulnerabilities[0].product_status.known_affected = ['NO-SUCH-PRODUCT'];
    const failed = await importFile(hub.url, matrix.submitter.token, { format: 'csaf', tlp: 'GREEN' }, JSON.stringify(broken));
    expect(failed.status).toBe('failed');
    expect(JSON.stringify(failed)).toContain('vulnerabilities[0].product_status.known_affected[0]');
  });

  it('names CSAF objects per importing organisation: an outsider importing a hidden advisory learns what an unused tracking id tells', async () => {
    const document = readFileSync(new URL('../fixtures/exposure/acme-pump-advisory.json', import.meta.url), 'utf8');
    const unused = JSON.parse(document) as { document: { tracking: { id: string } } };
    unused.document.tracking.id = 'ACME-2099-999';
    // Two outsiders, so that neither sees objects of its own from the other import.
    const admin = await adminToken(hub);
    const [first, second] = await Promise.all(bystanders.slice(1).map((bystander, n) => createUser(hub, admin, { email: `csaf${n}@bystander.test`, role: 'MEMBER', organizationId: bystander.id })));
    const summary = async (outsider: string, job: ImportJobStatus) => ({
      status: job.status,
      counts: [job.accepted, job.rejected, job.duplicates],
      results: (await jobResults(hub.url, outsider, job.jobId)).map((row) => [row.status, row.errors]),
    });
    const hiddenGuessed = await importFile(hub.url, first.token, { format: 'csaf', tlp: 'GREEN' }, document);
    const unusedGuessed = await importFile(hub.url, second.token, { format: 'csaf', tlp: 'GREEN' }, JSON.stringify(unused));
    expect(await summary(first.token, hiddenGuessed)).toEqual(await summary(second.token, unusedGuessed));
    expect(hiddenGuessed).toMatchObject({ status: 'done', accepted: 5, rejected: 0 });
    // The vendor importing its document again names the same objects.
    const again = await importFile(hub.url, matrix.submitter.token, { format: 'csaf', tlp: 'AMBER', organizationIds: [matrix.recipient.id] }, document);
    expect(again).toMatchObject({ status: 'done', rejected: 0 });
    const vendorVulnerabilities = await queryDatabase<{ count: number }>(
      hub.databaseUrl,
      `SELECT count(DISTINCT id)::int AS count FROM stix_object WHERE type = 'vulnerability' AND name = 'CVE-2026-10001' AND source_org_id = $1`,
      [matrix.source.id],
    );
    expect(vendorVulnerabilities).toEqual([{ count: 1 }]);
  });

  it('keeps exposures across versions without alerting twice, and retiring hides them', async () => {
    const recipient = 'named recipient organisation';
    const alertCount = async () => (await hub.graphql<{ alerts: { totalCount: number } }>('{ alerts(first: 1) { totalCount } }', {}, token(recipient))).data!.alerts.totalCount;
    const siteExposures = async () => (await exposuresOf(recipient)).filter((node) => node.inventory === 'recipient site').map((node) => node.vulnerability.id).sort();
    const [alertsBefore, exposuresBefore] = [await alertCount(), await siteExposures()];
    const again = await hub.graphql<{ declareInventory: { version: number; componentCount: number } }>(DECLARE, { input: { name: 'Recipient Site', format: 'PURL_LIST', document: 'pkg:npm/left-pad@1.0.0' } }, token(recipient));
    expect(again.data).toEqual({ declareInventory: expect.objectContaining({ version: 2, componentCount: 1, current: true }) });
    expect([await alertCount(), await siteExposures()]).toEqual([alertsBefore, exposuresBefore]);
    const versions = await hub.graphql<{ inventoryVersions: { id: string; version: number; current: boolean }[] }>('{ inventoryVersions(name: "recipient site") { id version current } }', {}, token(recipient));
    expect(versions.data!.inventoryVersions.map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
    const retired = await hub.graphql(`mutation { retireInventory(id: "${versions.data!.inventoryVersions[0].id}") { current } }`, {}, token(recipient));
    expect(retired.data).toEqual({ retireInventory: { current: false } });
    expect(await siteExposures()).toEqual([]);
  });

  it('deleting an inventory deletes its components, its exposures and their alerts, nothing else, and keeps the tally', async () => {
    const recipient = 'named recipient organisation';
    const declared = await hub.graphql(DECLARE, { input: { name: 'Short Lived', format: 'PURL_LIST', document: 'pkg:npm/left-pad@1.0.0' } }, token(recipient));
    expect(declared.errors).toBeUndefined();
    // Rows by organisation, because foreign keys no longer tie them one by one (ExposureSetBasedWrites1766930000000).
    const rows = () =>
      queryDatabase<{ inventory: string; components: number; exposures: number; alerts: number; tally: number }>(
        hub.databaseUrl,
        `SELECT i.name AS inventory,
                (SELECT count(*)::int FROM inventory_component c WHERE c.inventory_id = i.id) AS components,
                (SELECT count(*)::int FROM exposure e WHERE e.organization_id = i.organization_id AND e.inventory_name = lower(i.name)) AS exposures,
                (SELECT count(*)::int FROM alert a JOIN exposure e ON e.id = a.exposure_id WHERE e.organization_id = i.organization_id AND e.inventory_name = lower(i.name)) AS alerts,
                (SELECT count(*)::int FROM exposure_tally t WHERE t.organization_id = i.organization_id) AS tally
           FROM inventory i WHERE i.organization_id = $1 AND i.current ORDER BY i.name`,
        [matrix.recipient.id],
      );
    const before = await rows();
    const doomed = before.find((row) => row.inventory === 'Short Lived')!;
    expect(doomed).toMatchObject({ components: 1, exposures: expect.any(Number), alerts: expect.any(Number) });
    expect(doomed.exposures).toBeGreaterThan(0);
    expect(doomed.alerts).toBeGreaterThan(0);
    const orphans = () => queryDatabase<{ alerts: number; components: number }>(
      hub.databaseUrl,
      `SELECT (SELECT count(*)::int FROM alert a WHERE a.exposure_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM exposure e WHERE e.id = a.exposure_id)) AS alerts,
              (SELECT count(*)::int FROM inventory_component c WHERE NOT EXISTS (SELECT 1 FROM inventory i WHERE i.id = c.inventory_id)) AS components`,
    );
    const deleted = await hub.graphql(`mutation { deleteInventory(name: "short lived") }`, {}, token(recipient));
    expect(deleted.data).toEqual({ deleteInventory: true });
    expect(await rows()).toEqual(before.filter((row) => row !== doomed));
    expect(await orphans()).toEqual([{ alerts: 0, components: 0 }]);
  });

  it('a later version saying "not affected" (VEX) silences the exposure', async () => {
    const id = advisories.get('GREEN')!;
    const statement = { product_id: 'LEFT-PAD', software_ref: softwareIds.get('GREEN'), status: 'known_not_affected', justification: 'vulnerable_code_not_in_execute_path' };
    const revised = vulnerability('CVE-2026-91001', { id, modified: '2026-11-02T00:00:00.000Z', x_hub_vex: [statement] });
    expect(await submitBundle(hub, matrix.submitter.token, bundle([revised]), 'GREEN')).toMatchObject({ accepted: 1 });
    const silenced = await eventually(
      async () => (await exposuresOf('unrelated member')).find((node) => node.vulnerability.id === id),
      (node) => node?.verdict === 'not_affected',
    );
    expect(silenced).toMatchObject({ verdict: 'not_affected', silenced: true, status: 'UNTRIAGED' });
  });

  it('accepts a CycloneDX SBOM of 50,000 components through GraphQL', async () => {
    const components = Array.from({ length: 50_000 }, (_, n) => ({ type: 'library', name: `bulk-${n}`, version: '1.0.0', purl: `pkg:npm/bulk-${n}@1.0.0` }));
    const document = JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components });
    const declared = await hub.graphql<{ declareInventory: { componentCount: number } }>(DECLARE, { input: { name: 'bulk', format: 'CYCLONEDX', document } }, token('colleague of the named user'));
    expect({ errors: declared.errors, count: declared.data?.declareInventory.componentCount }).toEqual({ errors: undefined, count: 50_000 });
  }, 60_000);

  it('stops listing EXPOSURE alerts to a person who moved to another organisation', async () => {
    const mover = 'member of a built-in audience';
    const listed = async () => (await hub.graphql<{ alerts: { edges: { node: { kind: string } }[] } }>('{ alerts(first: 100) { edges { node { kind } } } }', {}, token(mover))).data!.alerts.edges.map(({ node }) => node.kind);
    const before = await listed();
    expect({ some: before.length >= 6, kinds: [...new Set(before)] }).toEqual({ some: true, kinds: ['EXPOSURE'] });
    await queryDatabase(hub.databaseUrl, `UPDATE hub_user SET organization_id = (SELECT id FROM organization WHERE name = 'Unrelated supplier') WHERE email = 'officer@ministry.test'`);
    expect(await listed()).toEqual([]);
  });

  it("reserves the patient-care extension-definition id for the hub operator", async () => {
    const claim = patientCareExtensionDefinition({ createdByRef: matrix.source.identityId });
    const taken = await submitBundle(hub, matrix.submitter.token, bundle([claim]), 'GREEN');
    const foreign = await submitBundle(hub, token('unrelated member')!, bundle([vulnerability('CVE-2026-99999', { id: advisories.get('GREEN') })]), 'GREEN');
    expect(taken.results.map(({ status, errors }) => ({ status, errors }))).toEqual(foreign.results.map(({ status, errors }) => ({ status, errors })));
    expect(taken.results[0].errors).toEqual([{ path: 'objects[0].id', message: 'this id belongs to an object already shared; only its source may add versions, and only people there who may read it' }]);
    // Nothing was claimed: the operator publishes it.
    const bootstrap = hub.hub.app.get(PatientCareDefinitionBootstrap);
    expect(await bootstrap.publish()).toBe(true);
    const owners = await queryDatabase(hub.databaseUrl, `SELECT o.is_operator FROM stix_object_owner ow JOIN organization o ON o.id = ow.source_org_id WHERE ow.id = $1`, [PATIENT_CARE_EXTENSION_ID]);
    expect(owners).toEqual([{ is_operator: true }]);
    // A definition another organisation stored (before the rule) is not taken for the hub's.
    await queryDatabase(hub.databaseUrl, `UPDATE stix_object_owner SET source_org_id = $2 WHERE id = $1`, [PATIENT_CARE_EXTENSION_ID, matrix.source.id]);
    expect(await bootstrap.publish()).toBe(false);
  });
  // Last: it empties the tables. The foreign keys used to refuse this; the truncate triggers take the dependants along.
  it('a TRUNCATE of inventories or exposures takes their components and alerts along', async () => {
    const count = async () =>
      (await queryDatabase<{ components: number; alerts: number }>(hub.databaseUrl, `SELECT (SELECT count(*)::int FROM inventory_component) AS components, (SELECT count(*)::int FROM alert WHERE exposure_id IS NOT NULL) AS alerts`))[0];
    const before = await count();
    expect(before.components).toBeGreaterThan(0);
    expect(before.alerts).toBeGreaterThan(0);
    await queryDatabase(hub.databaseUrl, 'TRUNCATE exposure');
    expect(await count()).toEqual({ components: before.components, alerts: 0 });
    await queryDatabase(hub.databaseUrl, 'TRUNCATE inventory');
    expect(await count()).toEqual({ components: 0, alerts: 0 });
  });
});
