import { readFileSync } from 'node:fs';
import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS, type AccessMatrix } from '../support/access-matrix';
import { importFile } from '../support/imports';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, relationship } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * Supply-chain exposure, end to end on one hub. The organisations of the access matrix declare what
 * they run; the source organisation (the vendor) shares one advisory per TLP level about a package
 * they all run. Exactly the organisations that may read an advisory are exposed and alerted; every
 * viewer reads only its own organisation's inventories and exposures; others see only k-suppressed
 * numbers that no triage changes.
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
  const token = (relation: Relation) => matrix.viewers.get(relation);

  async function exposuresOf(relation: Relation): Promise<ExposureNode[]> {
    const answer = await hub.graphql<{ exposures: { edges: { node: ExposureNode }[] } }>(EXPOSURES, {}, token(relation));
    expect({ relation, errors: answer.errors }).toEqual({ relation, errors: undefined });
    return answer.data!.exposures.edges.map((edge) => edge.node);
  }

  beforeAll(async () => {
    hub = await startTestHub();
    matrix = await buildAccessMatrix(hub);
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

  it('gives the vendor and focal points numbers only, suppressed under k, unchanged by a triage', async () => {
    const vendor = (relation: Relation, id: string) => hub.graphql<{ vendorExposure: unknown }>(`{ vendorExposure(vulnerabilityId: "${id}") { organizations suppressed k } }`, {}, token(relation));
    expect((await vendor('submitter', advisories.get('AMBER')!)).data).toEqual({ vendorExposure: { organizations: 4, suppressed: false, k: 3 } });
    expect((await vendor('submitter', advisories.get('GREEN')!)).data).toEqual({ vendorExposure: { organizations: 6, suppressed: false, k: 3 } });
    expect((await vendor('submitter', advisories.get('RED')!)).data).toEqual({ vendorExposure: { organizations: null, suppressed: true, k: 3 } });
    // Not the vendor: the same answer as for an id nobody holds.
    const notVendor = await vendor('named recipient organisation', advisories.get('GREEN')!);
    const nobody = await vendor('named recipient organisation', `vulnerability--${crypto.randomUUID()}`);
    expect([notVendor.errors?.[0]?.message, notVendor.errors?.[0]?.extensions?.code]).toEqual([nobody.errors?.[0]?.message, 'NOT_FOUND']);

    // Counts are over complete weeks: move the tally two weeks back, as if the matches were older.
    await queryDatabase(hub.databaseUrl, `UPDATE exposure_tally SET first_matched_at = first_matched_at - interval '14 days'`);
    const from = new Date(Date.now() - 35 * 86_400_000).toISOString();
    const to = new Date().toISOString();
    const counts = (relation: Relation, id: string) =>
      hub.graphql<{ exposureCounts: { buckets: { groups: { key: string; count: number | null }[] }[] } }>(
        `query C($id: ID!, $from: DateTime!, $to: DateTime!) { exposureCounts(vulnerabilityId: $id, from: $from, to: $to) { k buckets { start groups { key count suppressed } } } }`,
        { id, from, to },
        token(relation),
      );
    const shown = async () =>
      (await counts('unrelated focal point', advisories.get('GREEN')!)).data!.exposureCounts.buckets.flatMap((bucket) => bucket.groups.filter((group) => group.count !== null).map((group) => `${group.key}:${group.count}`));
    const before = await shown();
    expect(before).toEqual(['HEALTHCARE_PROVIDER:6']);
    // A member's triage changes nothing others can see.
    const [exposure] = await exposuresOf('named recipient organisation');
    const triaged = await hub.graphql<{ triageExposure: { status: string } }>(`mutation { triageExposure(id: "${exposure.id}", status: NOT_AFFECTED) { status } }`, {}, token('named recipient organisation'));
    expect(triaged.data).toEqual({ triageExposure: { status: 'NOT_AFFECTED' } });
    expect(await shown()).toEqual(before);
    // Only focal points; an advisory the focal point cannot read is answered as an absent one.
    expect((await counts('unrelated member', advisories.get('GREEN')!)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const hidden = await counts('unrelated focal point', advisories.get('AMBER')!);
    const absent = await counts('unrelated focal point', `vulnerability--${crypto.randomUUID()}`);
    expect([hidden.errors?.[0]?.message, hidden.errors?.[0]?.extensions?.code]).toEqual([absent.errors?.[0]?.message, 'NOT_FOUND']);
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
});
