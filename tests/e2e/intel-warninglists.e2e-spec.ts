import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { API_ROOT, collectionsByTitle, taxii } from '../support/taxii';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import { bundle, indicator, ipIndicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

const PRIVATE = 'Hub: private networks (RFC 1918, RFC 4193)';
const DOCUMENTATION = 'Hub: documentation addresses (RFC 5737, RFC 3849, RFC 9637)';
const OURS = 'Operator: our CDN';

const SUBMIT = `mutation ($input: SubmitBundleInput!) {
  submitBundle(input: $input) { accepted rejected results { index stixId status errors { path message list } warnings { path message list } } }
}`;
const HITS = 'warninglistHits { list action value }';

interface Result {
  accepted: number;
  rejected: number;
  results: { index: number; stixId: string; status: string; errors: { path: string; message: string; list: string | null }[]; warnings: { path: string; message: string; list: string | null }[] }[];
}

function operatorList(version: number, entries: string[], action = 'warn'): string {
  return JSON.stringify({ name: OURS, version, description: 'Addresses of our CDN', type: 'cidr', matching_attributes: ['ip-dst'], hub_action: action, list: entries });
}

describe('intel: warninglists on what members share', () => {
  let hub: TestHub;
  let database: TestDatabase;
  let dir: string;
  let listFile: string;
  let member: { token: string };
  let outsider: { token: string };
  let thirdOrganizationId: string;

  const submit = async (token: string, objects: Record<string, unknown>[], tlp = 'GREEN', audience?: Record<string, unknown>): Promise<Result> => {
    const response = await hub.graphql<{ submitBundle: Result }>(SUBMIT, { input: { bundle: bundle(objects), tlp, audience } }, token);
    if (response.errors) throw new Error(response.text);
    return response.data!.submitBundle;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hub-warninglists-'));
    listFile = join(dir, 'ours.json');
    writeFileSync(listFile, operatorList(2, ['185.199.108.0/22']));
    database = await createTestDatabase();
    hub = await startTestHub({ HUB_DEFAULT_WARNINGLISTS: 'on', HUB_WARNINGLISTS: listFile }, { database });
    const admin = await adminToken(hub);
    const a = await createOrganization(hub, admin, { name: 'Hospital A', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    const b = await createOrganization(hub, admin, { name: 'Pharma B', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    thirdOrganizationId = (await createOrganization(hub, admin, { name: 'Insurer C', kind: 'PRIVATE', sector: 'HEALTH_INSURANCE', country: 'AT' })).id;
    member = await createUser(hub, admin, { email: 'member@a.test', role: 'MEMBER', organizationId: a.id });
    outsider = await createUser(hub, admin, { email: 'member@b.test', role: 'MEMBER', organizationId: b.id });
  });

  afterAll(async () => {
    await hub?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a private-range indicator with a warning naming the list, and refuses a documentation-range one naming the block list', async () => {
    const clean = ipIndicator('185.220.101.1');
    const privateOne = ipIndicator('10.1.2.3');
    const documentation = ipIndicator('198.51.100.7');
    const result = await submit(member.token, [clean, privateOne, documentation]);
    expect(result).toMatchObject({ accepted: 2, rejected: 1 });
    expect(result.results[0]).toMatchObject({ status: 'ACCEPTED', warnings: [] });
    expect(result.results[1].status).toBe('ACCEPTED');
    expect(result.results[1].warnings).toEqual([{ path: 'objects[1].pattern', list: PRIVATE, message: `10.1.2.3 is in the warn list '${PRIVATE}' (RFC 1918)` }]);
    expect(result.results[2].status).toBe('REJECTED');
    expect(result.results[2].errors).toEqual([{ path: 'objects[2].pattern', list: DOCUMENTATION, message: `198.51.100.7 is in the block list '${DOCUMENTATION}' (TEST-NET-2 (RFC 5737))` }]);
    const stored = await queryDatabase(hub.databaseUrl, 'SELECT 1 FROM stix_object WHERE id = $1', [documentation.id]);
    expect(stored).toEqual([]);
  });

  it('refuses a single indicator on a block list with the input path and the list', async () => {
    const response = await hub.graphql(
      'mutation ($input: SubmitIndicatorInput!) { submitIndicator(input: $input) { id } }',
      { input: { name: 'doc', pattern: "[domain-name:value = 'login.example.com']", patternType: 'stix', validFrom: '2026-01-01T00:00:00Z', tlp: 'GREEN' } },
      member.token,
    );
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].extensions?.errors).toEqual([{ path: 'input.pattern', message: expect.stringMatching(/^login\.example\.com is in the block list 'Hub: reserved/) }]);
  });

  it('checks TAXII POSTs the same way: the block hit is a failure naming the list, the warn hit is stored with the object', async () => {
    const key = (await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    const submit = (await collectionsByTitle(hub, key)).get('Submit')!;
    const warned = ipIndicator('10.77.0.1');
    const blocked = ipIndicator('203.0.113.77');
    const response = await taxii<{ successes: { id: string }[]; failures: { id: string; message: string }[] }>(hub, `${API_ROOT}collections/${submit.id}/objects/`, {
      key,
      body: { objects: [warned, blocked] },
    });
    expect(response.body.successes.map((success) => success.id)).toEqual([warned.id]);
    expect(response.body.failures).toEqual([expect.objectContaining({ id: blocked.id, message: expect.stringContaining(`203.0.113.77 is in the block list '${DOCUMENTATION}'`) })]);
    const object = await hub.graphql<{ object: { warninglistHits: unknown[] } }>(`query ($id: ID!) { object(id: $id) { ${HITS} } }`, { id: warned.id }, member.token);
    expect(object.data?.object.warninglistHits).toEqual([{ list: PRIVATE, action: 'warn', value: '10.77.0.1' }]);
  });

  it('shows the hits with the object, in the feed and on the look-up, and excludeWarned leaves warned objects out in the query', async () => {
    const warned = ipIndicator('192.168.7.7', { labels: ['wl-feed'] });
    const clean = ipIndicator('185.220.101.2', { labels: ['wl-feed'] });
    await submit(member.token, [warned, clean]);
    const object = await hub.graphql<{ object: { warninglistHits: unknown[] } }>(`query ($id: ID!) { object(id: $id) { ${HITS} } }`, { id: warned.id }, member.token);
    expect(object.data?.object.warninglistHits).toEqual([{ list: PRIVATE, action: 'warn', value: '192.168.7.7' }]);

    const feed = async (excludeWarned?: boolean) =>
      (
        await hub.graphql<{ objects: { totalCount: number; edges: { node: { id: string; warninglistHits: unknown[] } }[] } }>(
          `query ($filter: ObjectFilterInput) { objects(filter: $filter) { totalCount edges { node { id ${HITS} } } } }`,
          { filter: { labels: ['wl-feed'], excludeWarned } },
          member.token,
        )
      ).data!.objects;
    const all = await feed();
    expect(all.totalCount).toBe(2);
    expect(all.edges.find((edge) => edge.node.id === warned.id)?.node.warninglistHits).toHaveLength(1);
    expect(all.edges.find((edge) => edge.node.id === clean.id)?.node.warninglistHits).toEqual([]);
    const withoutWarned = await feed(true);
    expect(withoutWarned).toMatchObject({ totalCount: 1, edges: [{ node: { id: clean.id } }] });

    const lookUp = await hub.graphql<{ lookupObservable: { warninglistHits: unknown[]; indicators: { id: string; warninglistHits: unknown[] }[] } }>(
      `{ lookupObservable(type: "ipv4-addr", value: "192.168.7.7") { ${HITS} indicators { id ${HITS} } } }`,
      {},
      member.token,
    );
    expect(lookUp.data?.lookupObservable).toEqual({
      warninglistHits: [{ list: PRIVATE, action: 'warn', value: '192.168.7.7' }],
      indicators: [{ id: warned.id, warninglistHits: [{ list: PRIVATE, action: 'warn', value: '192.168.7.7' }] }],
    });

    // A revocation is a new version with the same content: it carries the same hits.
    const revoked = await hub.graphql<{ revokeObject: { revoked: boolean; warninglistHits: unknown[] } }>(
      `mutation ($id: ID!) { revokeObject(id: $id) { revoked ${HITS} } }`,
      { id: warned.id },
      member.token,
    );
    expect(revoked.data?.revokeObject).toEqual({ revoked: true, warninglistHits: [{ list: PRIVATE, action: 'warn', value: '192.168.7.7' }] });
  });

  it('tells nothing about an object someone may not read: no object, no hits, no count', async () => {
    const hidden = ipIndicator('172.16.9.9', { labels: ['wl-hidden'] });
    expect((await submit(member.token, [hidden], 'AMBER', { organizationIds: [thirdOrganizationId] })).accepted).toBe(1);
    const asOutsider = await hub.graphql<{ object: unknown; objects: { totalCount: number }; lookupObservable: { warninglistHits: unknown[]; indicators: unknown[] } }>(
      `query ($id: ID!) { object(id: $id) { ${HITS} } objects(filter: { labels: ["wl-hidden"] }) { totalCount } lookupObservable(type: "ipv4-addr", value: "172.16.9.9") { ${HITS} indicators { id } } }`,
      { id: hidden.id },
      outsider.token,
    );
    expect(asOutsider.data?.object).toBeNull();
    expect(asOutsider.data?.objects.totalCount).toBe(0);
    // The value's own hits come from the value typed, not from any object.
    expect(asOutsider.data?.lookupObservable).toEqual({ warninglistHits: [{ list: PRIVATE, action: 'warn', value: '172.16.9.9' }], indicators: [] });
  });

  it("checks the operator's list, keeps it in the database, and replaces it only with a newer version", async () => {
    const cdn = indicator("[ipv4-addr:value = '185.199.109.153']");
    expect((await submit(member.token, [cdn])).results[0].warnings).toEqual([
      { path: 'objects[0].pattern', list: OURS, message: `185.199.109.153 is in the warn list '${OURS}' (185.199.108.0/22)` },
    ]);
    const versions = async () => queryDatabase<{ version: number; action: string }>(hub.databaseUrl, 'SELECT version, action FROM warninglist WHERE name = $1', [OURS]);
    expect(await versions()).toEqual([{ version: 2, action: 'warn' }]);

    // An older file (another replica not yet updated) changes nothing.
    await hub.close();
    writeFileSync(listFile, operatorList(1, ['185.199.108.0/22'], 'block'));
    hub = await startTestHub({ HUB_DEFAULT_WARNINGLISTS: 'on', HUB_WARNINGLISTS: listFile }, { database });
    expect(await versions()).toEqual([{ version: 2, action: 'warn' }]);
    expect((await submit(member.token, [indicator("[ipv4-addr:value = '185.199.109.154']")])).accepted).toBe(1);

    // A newer one replaces it on start.
    await hub.close();
    writeFileSync(listFile, operatorList(3, ['185.199.108.0/22'], 'block'));
    hub = await startTestHub({ HUB_DEFAULT_WARNINGLISTS: 'on', HUB_WARNINGLISTS: listFile }, { database });
    expect(await versions()).toEqual([{ version: 3, action: 'block' }]);
    const refused = await submit(member.token, [indicator("[ipv4-addr:value = '185.199.109.155']")]);
    expect(refused.results[0]).toMatchObject({ status: 'REJECTED', errors: [{ list: OURS }] });
  });
});
