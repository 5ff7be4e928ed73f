import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, nextVersion } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { API_ROOT, CollectionResource, collectionsByTitle, Envelope, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * TAXII 2.1 writes as the OASIS taxii2-client uses them: it deletes only from a collection whose
 * can_write is true (Collection.delete_object checks it before sending anything), passes
 * match[version] and match[spec_version] along, and keys status entries on their version.
 */

type Stix = Record<string, unknown>;

interface StatusResource {
  id: string;
  successes: { id: string; version: string; message?: string }[];
  failures: { id: string; version: string; message: string }[];
}

describe('TAXII DELETE, can_write and status versions', () => {
  let hub: TestHub;
  let memberToken: string;
  let memberKey: string;
  let outsiderKey: string;
  let groupId: string;
  let sourceId: string;
  let collections: Map<string, CollectionResource>;
  const objectUrl = (title: string, id: string, query = '') => `${API_ROOT}collections/${collections.get(title)!.id}/objects/${id}/${query}`;
  const revoked = async (id: string) =>
    (await queryDatabase<{ n: number }>(hub.databaseUrl, 'SELECT count(*)::int AS n FROM stix_object WHERE id = $1 AND revoked', [id]))[0].n > 0;
  const share = async (tlp: 'GREEN' | 'AMBER', objects: Stix[]) => {
    const audience = tlp === 'AMBER' ? { sharingGroupIds: [groupId] } : undefined;
    expect(await submitBundle(hub, memberToken, bundle(objects), tlp, audience)).toMatchObject({ accepted: objects.length });
  };

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Delete source');
    const partner = await org('Delete partner');
    const outsider = await org('Delete outsider');
    sourceId = source.id;
    groupId = (await createSharingGroup(hub, admin, { name: 'Delete group', organizationIds: [source.id, partner.id] })).id;
    const member = await createUser(hub, admin, { email: 'member@delete.test', role: 'MEMBER', organizationId: source.id });
    const outsiderUser = await createUser(hub, admin, { email: 'member@outsider-delete.test', role: 'MEMBER', organizationId: outsider.id });
    memberToken = member.token;
    memberKey = (await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    outsiderKey = (await createApiKey(hub, outsiderUser.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    collections = await collectionsByTitle(hub, memberKey);
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('DELETE works on every collection the client is told it may write to, and only there', async () => {
    const green = ipIndicator('198.51.100.10');
    const amber = ipIndicator('198.51.100.11');
    await share('GREEN', [green]);
    await share('AMBER', [amber]);
    // Where the object is, for each collection: the TLP collections hold their level, the group its AMBER content, Submit reaches everything.
    const objectIn = (title: string) => (title === 'TLP:GREEN' || title === 'Submit' ? green : title === 'TLP:AMBER' || title.startsWith('Sharing group') ? amber : undefined);
    const writable = [...collections.values()].filter((collection) => collection.can_write).map((collection) => collection.title);
    expect(writable.sort()).toEqual(['Sharing group: Delete group', 'Submit']);

    for (const collection of collections.values()) {
      const object = objectIn(collection.title);
      if (!object || collection.can_write) continue;
      const response = await taxii(hub, objectUrl(collection.title, String(object.id)), { key: memberKey, method: 'DELETE' });
      expect([collection.title, response.status]).toEqual([collection.title, 403]);
      expect(await revoked(String(object.id))).toBe(false);
    }
    const [denied] = await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND details->>'operation' = 'taxii.delete'");
    expect(denied.n).toBeGreaterThanOrEqual(2);

    expect((await taxii(hub, objectUrl('Sharing group: Delete group', String(amber.id)), { key: memberKey, method: 'DELETE' })).status).toBe(200);
    expect(await revoked(String(amber.id))).toBe(true);
    expect((await taxii(hub, objectUrl('Submit', String(green.id)), { key: memberKey, method: 'DELETE' })).status).toBe(200);
    expect(await revoked(String(green.id))).toBe(true);
    const seen = await taxii<Envelope>(hub, objectUrl('TLP:GREEN', String(green.id)), { key: outsiderKey });
    expect(seen.body.objects).toEqual([expect.objectContaining({ id: green.id, revoked: true })]);
  });

  it('on Submit, only the source organisation deletes; what the caller cannot read is a 404 there too', async () => {
    const green = ipIndicator('198.51.100.12');
    const amber = ipIndicator('198.51.100.13');
    await share('GREEN', [green]);
    await share('AMBER', [amber]);
    const outsiderCollections = await collectionsByTitle(hub, outsiderKey);
    const outsiderSubmit = (id: unknown) => `${API_ROOT}collections/${outsiderCollections.get('Submit')!.id}/objects/${id}/`;
    expect((await taxii(hub, outsiderSubmit(green.id), { key: outsiderKey, method: 'DELETE' })).status).toBe(403);
    expect((await taxii(hub, outsiderSubmit(amber.id), { key: outsiderKey, method: 'DELETE' })).status).toBe(404);
    expect((await taxii(hub, objectUrl('Submit', 'indicator--00000000-0000-4000-8000-000000000000'), { key: memberKey, method: 'DELETE' })).status).toBe(404);
    expect(await revoked(String(green.id))).toBe(false);
    expect(await revoked(String(amber.id))).toBe(false);
  });

  it('match[version] chooses versions as on reads; a revocation withdraws the whole object, so it must choose the latest', async () => {
    const v1 = ipIndicator('198.51.100.14', { created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' });
    const v2 = nextVersion(v1, { name: 'second' }, 60_000);
    const v3 = nextVersion(v2, { name: 'third' }, 60_000);
    await share('GREEN', [v1, v2, v3]);
    const id = String(v1.id);
    for (const query of ['?match[version]=first', `?match[version]=${v2.modified}`, `?match[version]=first,${v2.modified}`]) {
      const response = await taxii<{ http_status: string }>(hub, objectUrl('Submit', id, query), { key: memberKey, method: 'DELETE' });
      expect([query, response.status, response.body.http_status]).toEqual([query, 422, '422']);
    }
    expect((await taxii(hub, objectUrl('Submit', id, '?match[version]=2026-06-01T00:00:00.000Z'), { key: memberKey, method: 'DELETE' })).status).toBe(404);
    expect(await revoked(id)).toBe(false);
    expect((await taxii(hub, objectUrl('Submit', id, `?match[version]=${v3.modified}`), { key: memberKey, method: 'DELETE' })).status).toBe(200);
    expect(await revoked(id)).toBe(true);

    for (const query of ['?match[version]=last', '?match[version]=all', `?match[version]=first,last`, '']) {
      const object = ipIndicator('198.51.100.15');
      await share('GREEN', [object, nextVersion(object, { name: 'newer' }, 60_000)]);
      expect([query, (await taxii(hub, objectUrl('Submit', String(object.id), query), { key: memberKey, method: 'DELETE' })).status]).toEqual([query, 200]);
      expect(await revoked(String(object.id))).toBe(true);
    }
  });

  it('match[spec_version] on DELETE: a version the object does not have selects nothing (404); 400 for values and filters DELETE does not take', async () => {
    const object = ipIndicator('198.51.100.16');
    await share('GREEN', [object]);
    const id = String(object.id);
    expect((await taxii(hub, objectUrl('Submit', id, '?match[spec_version]=2.0'), { key: memberKey, method: 'DELETE' })).status).toBe(404);
    for (const query of ['?match[version]=newest', '?match[spec_version]=two', '?match[type]=indicator', `?match[id]=${id}`, '?limit=1']) {
      expect([query, (await taxii(hub, objectUrl('Submit', id, query), { key: memberKey, method: 'DELETE' })).status]).toEqual([query, 400]);
    }
    expect(await revoked(id)).toBe(false);
    expect((await taxii(hub, objectUrl('Submit', id, '?match[spec_version]=2.1&match[version]=last'), { key: memberKey, method: 'DELETE' })).status).toBe(200);
    expect(await revoked(id)).toBe(true);
  });

  it("a status entry's version is never empty: a cyber observable goes by the date it was added, as in its manifest record", async () => {
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--1f2e3d4c-5b6a-5978-8a9b-0c1d2e3f4a5b', value: '198.51.100.17' };
    const invalid = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--2f2e3d4c-5b6a-5978-8a9b-0c1d2e3f4a5b', value: 'not an address' };
    const submit = `${API_ROOT}collections/${collections.get('Submit')!.id}/objects/`;
    const first = await taxii<StatusResource>(hub, submit, { key: memberKey, body: { objects: [address, invalid] } });
    expect(first.status).toBe(202);
    const manifest = await taxii<{ objects: { id: string; version: string; date_added: string }[] }>(
      hub,
      `${API_ROOT}collections/${collections.get('TLP:GREEN')!.id}/manifest/?match[id]=${address.id}`,
      { key: memberKey },
    );
    const [record] = manifest.body.objects;
    expect(first.body.successes).toEqual([{ id: address.id, version: record.version }]);
    expect(record.version).toBe(record.date_added);
    expect(first.body.failures).toEqual([{ id: invalid.id, version: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/), message: expect.any(String) }]);

    const again = await taxii<StatusResource>(hub, submit, { key: memberKey, body: { objects: [address] } });
    expect(again.body.successes).toEqual([{ id: address.id, version: record.version, message: 'this version was already stored' }]);
    const stored = await taxii<StatusResource>(hub, `${API_ROOT}status/${again.body.id}/`, { key: memberKey });
    expect(stored.body.successes).toEqual(again.body.successes);
    const [row] = await queryDatabase<{ n: number }>(hub.databaseUrl, 'SELECT count(*)::int AS n FROM stix_object WHERE id = $1 AND source_org_id = $2', [address.id, sourceId]);
    expect(row.n).toBe(1);
  });
});
