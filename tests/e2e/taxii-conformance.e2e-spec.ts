import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware, nextVersion } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { API_ROOT, CollectionResource, collectionsByTitle, Envelope, pullAll, TAXII, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * TAXII 2.1 (OASIS Standard, 10 June 2021) over HTTP, endpoint by endpoint. Test names cite the
 * section of the specification they check.
 */

type Stix = Record<string, unknown>;

interface TaxiiError {
  title: string;
  description?: string;
  http_status: string;
}

interface StatusResource {
  id: string;
  status: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes: { id: string; version: string }[];
  failures: { id: string; version: string; message: string }[];
}

function expectTaxiiError(response: { status: number; headers: Headers; body: unknown }, status: number): void {
  expect(response.status).toBe(status);
  // The platform's body parser answers malformed JSON with a charset parameter added; still TAXII 2.1 JSON.
  expect(response.headers.get('content-type')?.replace(/\s/g, '').replace(';charset=utf-8', '')).toBe(TAXII);
  expect(response.body).toMatchObject({ title: expect.any(String), http_status: String(status) });
}

describe('TAXII 2.1 conformance', () => {
  let hub: TestHub;
  let memberKey: string;
  let clientsKey: string;
  let focalKey: string;
  let outsiderKey: string;
  let groupPartnerKey: string;
  let memberToken: string;
  let collections: Map<string, CollectionResource>;
  const objectsUrl = (title: string) => `${API_ROOT}collections/${collections.get(title)!.id}/objects/`;
  const manifestUrl = (title: string) => `${API_ROOT}collections/${collections.get(title)!.id}/manifest/`;

  // GREEN: three versions of one indicator, a malware, and an indicator added later.
  const versioned = indicator("[domain-name:value = 'c2.example']", { created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' });
  const versioned2 = nextVersion(versioned, { name: 'second' }, 60_000);
  const versioned3 = nextVersion(versioned2, { name: 'third' }, 60_000);
  const family = malware('Conformance ransomware');
  const later = ipIndicator('198.51.100.77');
  const clear = ipIndicator('203.0.113.5');
  const amber = ipIndicator('192.0.2.10');
  const strict = ipIndicator('192.0.2.11');
  const red = ipIndicator('192.0.2.12');

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Conformance hospital');
    const partner = await org('Group partner');
    const outsider = await org('Outsider');
    await createSharingGroup(hub, admin, { name: 'Regional hospitals', organizationIds: [source.id, partner.id] });
    const member = await createUser(hub, admin, { email: 'member@conformance.test', role: 'MEMBER', organizationId: source.id });
    const focal = await createUser(hub, admin, { email: 'focal@conformance.test', role: 'FOCAL_POINT', organizationId: source.id });
    const partnerUser = await createUser(hub, admin, { email: 'member@partner.test', role: 'MEMBER', organizationId: partner.id });
    const outsiderUser = await createUser(hub, admin, { email: 'member@outsider.test', role: 'MEMBER', organizationId: outsider.id });
    memberToken = member.token;
    memberKey = (await createApiKey(hub, member.token, { name: 'siem', distribution: 'INTERNAL' })).key;
    clientsKey = (await createApiKey(hub, member.token, { name: 'mssp', distribution: 'CLIENTS' })).key;
    focalKey = (await createApiKey(hub, focal.token, { name: 'dashboards', distribution: 'INTERNAL' })).key;
    groupPartnerKey = (await createApiKey(hub, partnerUser.token, { name: 'tip', distribution: 'INTERNAL' })).key;
    outsiderKey = (await createApiKey(hub, outsiderUser.token, { name: 'tip', distribution: 'INTERNAL' })).key;

    for (const object of [versioned, versioned2, versioned3, family]) expect(await submitBundle(hub, member.token, bundle([object]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([clear]), 'CLEAR')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([amber]), 'AMBER', { organizationIds: [source.id] })).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([strict]), 'AMBER_STRICT', { organizationIds: [source.id] })).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, member.token, bundle([red]), 'RED', { userIds: [member.id] })).toMatchObject({ accepted: 1 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await submitBundle(hub, member.token, bundle([later]), 'GREEN')).toMatchObject({ accepted: 1 });
    collections = await collectionsByTitle(hub, memberKey);
  });

  afterAll(async () => {
    await hub?.close();
  });

  describe('4 Discovery and API root', () => {
    it('4.1 Server Discovery: lists the API root as the default, in TAXII JSON, to anyone', async () => {
      const response = await taxii<{ title: string; default: string; api_roots: string[] }>(hub, '/taxii2/');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(TAXII);
      expect(response.body.title).toEqual(expect.any(String));
      expect(response.body.api_roots).toEqual([`${hub.url}${API_ROOT}`]);
      expect(response.body.default).toBe(`${hub.url}${API_ROOT}`);
    });

    it('4.2: 404 as a TAXII error for an API root or endpoint that does not exist', async () => {
      for (const path of ['/taxii2/other/', `${API_ROOT}nothing/`, `${API_ROOT}collections/x/objects/y/versions/z/`]) {
        expectTaxiiError(await taxii(hub, path, { key: memberKey }), 404);
      }
    });

    it('4.2 Get API Root Information: versions and max_content_length', async () => {
      const response = await taxii<{ versions: string[]; max_content_length: number; title: string }>(hub, API_ROOT, { key: memberKey });
      expect(response.status).toBe(200);
      expect(response.body.versions).toEqual([TAXII]);
      expect(response.body.max_content_length).toBeGreaterThan(1024 * 1024);
    });
  });

  describe('1.6.8 Media types and content negotiation', () => {
    it.each([['application/json'], ['application/taxii+json;version=2.0'], ['text/html']])('406 for Accept: %s on every kind of endpoint', async (accept) => {
      for (const path of ['/taxii2/', API_ROOT, `${API_ROOT}collections/`, objectsUrl('TLP:GREEN')]) {
        expectTaxiiError(await taxii(hub, path, { key: memberKey, accept }), 406);
      }
    });

    it('answers, errors included, are never stored by a shared cache: they depend on who asks (X-API-Key is no Authorization header to a cache)', async () => {
      for (const [path, key] of [
        ['/taxii2/', undefined],
        [`${API_ROOT}collections/`, memberKey],
        [objectsUrl('TLP:AMBER'), memberKey],
        [manifestUrl('TLP:AMBER'), memberKey],
        [objectsUrl('TLP:GREEN'), undefined],
        [`${API_ROOT}collections/00000000-0000-4000-8000-000000000000/`, memberKey],
      ] as const) {
        const response = await taxii(hub, path, { key, auth: 'x-api-key' });
        expect([path, response.headers.get('cache-control')]).toEqual([path, 'no-store']);
      }
    });

    it('accepts TAXII JSON without the version parameter, a wildcard, or no Accept header', async () => {
      for (const accept of ['application/taxii+json', '*/*', null]) {
        expect((await taxii(hub, objectsUrl('TLP:GREEN'), { key: memberKey, accept })).status).toBe(200);
      }
    });

    it('415 for a POST whose Content-Type is not TAXII 2.1 JSON', async () => {
      for (const contentType of ['application/json', 'application/stix+json;version=2.1', 'application/taxii+json;version=2.0', 'text/plain']) {
        expectTaxiiError(await taxii(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [ipIndicator('198.51.100.200')] }, contentType }), 415);
      }
      expect((await queryDatabase(hub.databaseUrl, "SELECT 1 FROM stix_object WHERE stix->>'pattern' LIKE '%198.51.100.200%'")).length).toBe(0);
    });
  });

  describe('1.6.7 Authentication', () => {
    it('takes the API key as Bearer, as X-API-Key, and as the password of HTTP Basic', async () => {
      for (const auth of ['bearer', 'x-api-key', 'basic'] as const) {
        const response = await taxii<{ collections: CollectionResource[] }>(hub, `${API_ROOT}collections/`, { key: memberKey, auth });
        expect(response.status).toBe(200);
        expect(response.body.collections.map((collection) => collection.title)).toContain('TLP:AMBER');
      }
    });

    it('3.6.1 Error: 401 with a TAXII error and a challenge for a credential that is not valid', async () => {
      for (const auth of ['bearer', 'x-api-key', 'basic'] as const) {
        const response = await taxii<TaxiiError>(hub, `${API_ROOT}collections/`, { key: 'hubk_not_a_real_key_000000000000000000000000', auth });
        expectTaxiiError(response, 401);
        expect(response.headers.get('www-authenticate')).toContain('Basic');
      }
    });

    it('401 for a POST without credentials; unauthenticated readers get the TLP:CLEAR collection only', async () => {
      expectTaxiiError(await taxii(hub, objectsUrl('Submit'), { body: { objects: [ipIndicator('198.51.100.201')] } }), 401);
      const anonymous = await collectionsByTitle(hub);
      expect([...anonymous.keys()]).toEqual(['TLP:CLEAR']);
      const objects = await pullAll(hub, collections.get('TLP:CLEAR')!.id, undefined);
      expect(objects.map((object) => object.id)).toEqual([clear.id]);
      expectTaxiiError(await taxii(hub, objectsUrl('TLP:GREEN')), 401);
    });
  });

  describe('5.1 Get Collections and 5.2 Get a Collection', () => {
    it('5.1: one collection per TLP level short of RED, one per sharing group, and submit; ids are deterministic', async () => {
      expect([...collections.keys()]).toEqual(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'Sharing group: Regional hospitals', 'Submit']);
      const again = await collectionsByTitle(hub, groupPartnerKey);
      for (const title of ['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'Sharing group: Regional hospitals', 'Submit']) expect(again.get(title)!.id).toBe(collections.get(title)!.id);
      for (const collection of collections.values()) expect(collection.media_types).toEqual(['application/stix+json;version=2.1']);
      expect([...collections.values()].some((collection) => /RED/.test(collection.title))).toBe(false);
    });

    it('5.1: can_read and can_write reflect the caller', async () => {
      expect(collections.get('Submit')).toMatchObject({ can_read: false, can_write: true });
      expect(collections.get('TLP:GREEN')).toMatchObject({ can_read: true, can_write: false });
      expect(collections.get('Sharing group: Regional hospitals')).toMatchObject({ can_read: true, can_write: true });
      const focal = await collectionsByTitle(hub, focalKey);
      expect([...focal.values()].every((collection) => !collection.can_write)).toBe(true);
    });

    it('5.1: a CLIENTS key never gets AMBER+STRICT; an outsider does not see the group', async () => {
      expect([...(await collectionsByTitle(hub, clientsKey)).keys()]).not.toContain('TLP:AMBER+STRICT');
      expect([...(await collectionsByTitle(hub, outsiderKey)).keys()]).not.toContain('Sharing group: Regional hospitals');
    });

    it('5.2: a collection by id; 404 for an unknown or foreign one, 401 for the public', async () => {
      const green = collections.get('TLP:GREEN')!;
      const response = await taxii<CollectionResource>(hub, `${API_ROOT}collections/${green.id}/`, { key: memberKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(green);
      const group = collections.get('Sharing group: Regional hospitals')!;
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/${group.id}/`, { key: outsiderKey }), 404);
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/${group.id}/objects/`, { key: outsiderKey }), 404);
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/${collections.get('TLP:AMBER+STRICT')!.id}/objects/`, { key: clientsKey }), 404);
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/00000000-0000-4000-8000-000000000000/`, { key: memberKey }), 404);
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/${green.id}/`), 401);
    });
  });

  describe('5.4 Get Objects', () => {
    it('returns the latest version of each object of the collection, oldest first, with the date headers', async () => {
      const response = await taxii<Envelope>(hub, objectsUrl('TLP:GREEN'), { key: memberKey });
      expect(response.status).toBe(200);
      expect(response.body.more).toBe(false);
      const objects = response.body.objects!;
      expect(objects.map((object) => object.id)).toEqual([versioned.id, family.id, later.id]);
      expect(objects[0]).toMatchObject({ name: 'third', modified: versioned3.modified });
      const first = response.headers.get('x-taxii-date-added-first')!;
      const last = response.headers.get('x-taxii-date-added-last')!;
      expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(last > first).toBe(true);
    });

    it('each TLP collection holds only its own marking; RED never appears', async () => {
      expect((await pullAll(hub, collections.get('TLP:AMBER')!.id, memberKey)).map((object) => object.id)).toEqual([amber.id]);
      expect((await pullAll(hub, collections.get('TLP:AMBER+STRICT')!.id, memberKey)).map((object) => object.id)).toEqual([strict.id]);
      for (const collection of collections.values()) {
        if (!collection.can_read) continue;
        const ids = (await pullAll(hub, collection.id, memberKey, 'match[version]=all')).map((object) => object.id);
        expect(ids).not.toContain(red.id);
      }
      // Not even with the login token of the person the RED object is for.
      const viaLogin = await taxii<Envelope>(hub, `${objectsUrl('TLP:AMBER+STRICT')}?match[version]=all`, { key: memberToken });
      expect(viaLogin.status).toBe(200);
      expect(JSON.stringify(viaLogin.body)).not.toContain(red.id as string);
    });

    it('3.5 Pagination: limit pages with more and next, and next continues exactly after the page', async () => {
      const first = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?limit=2`, { key: memberKey });
      expect(first.body.more).toBe(true);
      expect(first.body.objects!.map((object) => object.id)).toEqual([versioned.id, family.id]);
      const second = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?limit=2&next=${first.body.next}`, { key: memberKey });
      expect(second.body.more).toBe(false);
      expect(second.body.next).toBeUndefined();
      expect(second.body.objects!.map((object) => object.id)).toEqual([later.id]);
      expect(second.headers.get('x-taxii-date-added-first')! > first.headers.get('x-taxii-date-added-last')!).toBe(true);
    });

    it('3.4 added_after: only objects added after the instant (the X-TAXII-Date-Added-Last of a previous page)', async () => {
      const first = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?limit=2`, { key: memberKey });
      const after = first.headers.get('x-taxii-date-added-last')!;
      const rest = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?added_after=${after}`, { key: memberKey });
      expect(rest.body.objects!.map((object) => object.id)).toEqual([later.id]);
      const none = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?added_after=2999-01-01T00:00:00.000Z`, { key: memberKey });
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ more: false });
      expect(none.headers.get('x-taxii-date-added-first')).toBeNull();
    });

    it('3.6 match[id] and match[type], comma-separated', async () => {
      const byId = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[id]=${family.id},${later.id}`, { key: memberKey });
      expect(byId.body.objects!.map((object) => object.id)).toEqual([family.id, later.id]);
      const byType = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[type]=malware`, { key: memberKey });
      expect(byType.body.objects!.map((object) => object.id)).toEqual([family.id]);
      const both = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[type]=malware,indicator&match[id]=${later.id}`, { key: memberKey });
      expect(both.body.objects!.map((object) => object.id)).toEqual([later.id]);
    });

    it('3.6.2 match[version]=first, last, all and a timestamp', async () => {
      const versionsOf = async (match: string) =>
        ((await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[id]=${versioned.id}&match[version]=${match}`, { key: memberKey })).body.objects ?? []).map((object) => object.modified);
      expect(await versionsOf('first')).toEqual([versioned.modified]);
      expect(await versionsOf('last')).toEqual([versioned3.modified]);
      expect(await versionsOf('all')).toEqual([versioned.modified, versioned2.modified, versioned3.modified]);
      expect(await versionsOf(versioned2.modified as string)).toEqual([versioned2.modified]);
      expect(await versionsOf(`first,last`)).toEqual([versioned.modified, versioned3.modified]);
      expect(await versionsOf('2000-01-01T00:00:00.000Z')).toEqual([]);
    });

    it('3.6 match[spec_version]', async () => {
      const current = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[spec_version]=2.1`, { key: memberKey });
      expect(current.body.objects).toHaveLength(3);
      const older = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[spec_version]=2.0`, { key: memberKey });
      expect(older.body).toEqual({ more: false });
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
      ['added_after=yesterday', 'added_after'],
      ['match[version]=newest', 'match[version]'],
      ['match[id]=indicator', 'match[id]'],
      ['match[type]=NOT%20A%20TYPE', 'match[type]'],
      ['match[spec_version]=latest', 'match[spec_version]'],
      ['next=not-a-cursor', 'next'],
      ['match[colour]=blue', 'match[colour]'],
    ])('3.6.1 Error: 400 naming the parameter for %s', async (query, path) => {
      const response = await taxii<TaxiiError & { details: { issues: { path: string }[] } }>(hub, `${objectsUrl('TLP:GREEN')}?${query}`, { key: memberKey });
      expectTaxiiError(response, 400);
      expect(response.body.details.issues.map((issue) => issue.path)).toContain(path);
    });

    it('3.6.1 Error: 400, never 500, for timestamps and next cursors the database cannot hold', async () => {
      const forged = (text: string) => Buffer.from(text).toString('base64url');
      for (const [query, path] of [
        ['added_after=0000-01-01T00:00:00Z', 'added_after'],
        ['added_after=2026-12-31T23:59:60.5Z', 'added_after'],
        ['match[version]=0000-01-01T00:00:00Z', 'match[version]'],
        [`next=${forged('2026-13-45T99:99:99.000000Z|1')}`, 'next'],
        [`next=${forged('2026-01-01T00:00:00.000000Z|9999999999999999999')}`, 'next'],
        ['match[id]=indicator%00--00000000-0000-4000-8000-000000000000', 'match[id]'],
      ]) {
        for (const url of [objectsUrl('TLP:GREEN'), manifestUrl('TLP:GREEN')]) {
          const response = await taxii<TaxiiError & { details: { issues: { path: string }[] } }>(hub, `${url}?${query}`, { key: memberKey });
          expectTaxiiError(response, 400);
          expect(response.body.details.issues.map((issue) => issue.path)).toContain(path);
        }
      }
    });

    it('403 for reading a collection whose can_read is false', async () => {
      expectTaxiiError(await taxii(hub, objectsUrl('Submit'), { key: memberKey }), 403);
      expectTaxiiError(await taxii(hub, manifestUrl('Submit'), { key: memberKey }), 403);
    });
  });

  describe('5.3 Get Object Manifests', () => {
    it('lists id, date_added, version and media type, with the same filters and pagination', async () => {
      const response = await taxii<{ more: boolean; objects: { id: string; date_added: string; version: string; media_type: string }[] }>(hub, `${manifestUrl('TLP:GREEN')}?match[version]=all`, {
        key: memberKey,
      });
      expect(response.status).toBe(200);
      expect(response.body.objects.map((record) => [record.id, record.version])).toEqual([
        [versioned.id, versioned.modified],
        [versioned.id, versioned2.modified],
        [versioned.id, versioned3.modified],
        [family.id, family.modified],
        [later.id, later.modified],
      ]);
      expect(response.body.objects.every((record) => record.media_type === 'application/stix+json;version=2.1')).toBe(true);
      expect(response.headers.get('x-taxii-date-added-first')).toBe(response.body.objects[0].date_added);
      expect(response.headers.get('x-taxii-date-added-last')).toBe(response.body.objects[4].date_added);
      const paged = await taxii<{ more: boolean; next: string }>(hub, `${manifestUrl('TLP:GREEN')}?limit=1&match[type]=indicator`, { key: memberKey });
      expect(paged.body).toMatchObject({ more: true, next: expect.any(String) });
    });
  });

  describe('5.6 Get an Object and 5.8 Get Object Versions', () => {
    const objectUrl = (title: string, id: unknown) => `${objectsUrl(title)}${id}/`;

    it('5.6: the latest version by default, every version with match[version]=all', async () => {
      const latest = await taxii<Envelope>(hub, objectUrl('TLP:GREEN', versioned.id), { key: memberKey });
      expect(latest.status).toBe(200);
      expect(latest.body.objects!.map((object) => object.modified)).toEqual([versioned3.modified]);
      const all = await taxii<Envelope>(hub, `${objectUrl('TLP:GREEN', versioned.id)}?match[version]=all&limit=2`, { key: memberKey });
      expect(all.body.more).toBe(true);
      expect(all.body.objects!.map((object) => object.modified)).toEqual([versioned.modified, versioned2.modified]);
      expect(all.headers.get('x-taxii-date-added-first')).toEqual(expect.any(String));
    });

    it('5.6: 404 for an object that is absent, in another collection, or not readable; 400 for a filter it does not take', async () => {
      expectTaxiiError(await taxii(hub, objectUrl('TLP:GREEN', 'indicator--00000000-0000-4000-8000-000000000000'), { key: memberKey }), 404);
      expectTaxiiError(await taxii(hub, objectUrl('TLP:CLEAR', versioned.id), { key: memberKey }), 404);
      expectTaxiiError(await taxii(hub, objectUrl('TLP:AMBER', amber.id), { key: outsiderKey }), 404);
      expectTaxiiError(await taxii(hub, `${objectUrl('TLP:GREEN', versioned.id)}?match[type]=indicator`, { key: memberKey }), 400);
    });

    it('5.6, 5.7, 5.8: 404, never 500, for an object id that is not a STIX identifier (e.g. with a NUL byte)', async () => {
      for (const id of ['indicator--a%00', 'indicator%00--00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        expectTaxiiError(await taxii(hub, objectUrl('TLP:GREEN', id), { key: memberKey }), 404);
        expectTaxiiError(await taxii(hub, `${objectUrl('TLP:GREEN', id)}versions/`, { key: memberKey }), 404);
        expectTaxiiError(await taxii(hub, objectUrl('Submit', id), { key: memberKey, method: 'DELETE' }), 404);
      }
    });

    it('5.8: the versions of an object, oldest first, paginated', async () => {
      const response = await taxii<{ more: boolean; versions: string[] }>(hub, `${objectUrl('TLP:GREEN', versioned.id)}versions/`, { key: memberKey });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ more: false, versions: [versioned.modified, versioned2.modified, versioned3.modified] });
      const paged = await taxii<{ more: boolean; next: string; versions: string[] }>(hub, `${objectUrl('TLP:GREEN', versioned.id)}versions/?limit=2`, { key: memberKey });
      expect(paged.body).toMatchObject({ more: true, versions: [versioned.modified, versioned2.modified] });
      const rest = await taxii<{ more: boolean; versions: string[] }>(hub, `${objectUrl('TLP:GREEN', versioned.id)}versions/?limit=2&next=${paged.body.next}`, { key: memberKey });
      expect(rest.body).toEqual({ more: false, versions: [versioned3.modified] });
      expectTaxiiError(await taxii(hub, `${objectUrl('TLP:GREEN', 'indicator--00000000-0000-4000-8000-000000000000')}versions/`, { key: memberKey }), 404);
      expectTaxiiError(await taxii(hub, `${objectUrl('TLP:AMBER', amber.id)}versions/`, { key: outsiderKey }), 404);
    });
  });

  describe('5.5 Add Objects and 4.3 Get Status', () => {
    it('5.5: an envelope to Submit is ingested as TLP:GREEN (202 with a complete status) and appears in TLP:GREEN', async () => {
      const good = ipIndicator('198.51.100.90');
      const bad: Stix = { ...ipIndicator('198.51.100.91'), pattern: "[ipv4-addr:value = '198.51.100.91'" };
      const response = await taxii<StatusResource>(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [good, bad] } });
      expect(response.status).toBe(202);
      expect(response.headers.get('content-type')).toBe(TAXII);
      expect(response.body).toMatchObject({ status: 'complete', total_count: 2, success_count: 1, failure_count: 1, pending_count: 0 });
      expect(response.body.successes).toEqual([{ id: good.id, version: good.modified }]);
      expect(response.body.failures).toEqual([{ id: bad.id, version: bad.modified, message: expect.stringContaining('pattern') }]);

      const stored = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[id]=${good.id}`, { key: outsiderKey });
      expect(stored.body.objects).toEqual([expect.objectContaining({ id: good.id, object_marking_refs: ['marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb' ] })]);
      expect(await queryDatabase(hub.databaseUrl, 'SELECT 1 FROM stix_object WHERE id = $1', [bad.id])).toHaveLength(0);

      const status = await taxii<StatusResource>(hub, `${API_ROOT}status/${response.body.id}/`, { key: memberKey });
      expect(status.status).toBe(200);
      expect(status.body).toEqual(response.body);
    });

    it('4.3: a status is for its poster only: not another organisation, nor another key of the same one', async () => {
      const response = await taxii<StatusResource>(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [ipIndicator('198.51.100.92')] } });
      const absent = await taxii(hub, `${API_ROOT}status/${crypto.randomUUID()}/`, { key: clientsKey });
      expectTaxiiError(absent, 404);
      for (const key of [outsiderKey, clientsKey, focalKey]) {
        const refused = await taxii(hub, `${API_ROOT}status/${response.body.id}/`, { key });
        expectTaxiiError(refused, 404);
        expect(JSON.stringify(refused.body).replace(String(response.body.id), 'ID')).toBe(JSON.stringify(absent.body).replace(/status [0-9a-f-]{36}/, 'status ID'));
      }
      expectTaxiiError(await taxii(hub, `${API_ROOT}status/not-a-uuid/`, { key: memberKey }), 404);
      expectTaxiiError(await taxii(hub, `${API_ROOT}status/${response.body.id}/`), 401);
    });

    it('5.5: a sharing group collection shares TLP:AMBER with the group: the partner reads it, the outsider does not', async () => {
      const shared = ipIndicator('198.51.100.93');
      const response = await taxii<StatusResource>(hub, objectsUrl('Sharing group: Regional hospitals'), { key: memberKey, body: { objects: [shared] } });
      expect(response.body).toMatchObject({ success_count: 1 });
      const partner = await collectionsByTitle(hub, groupPartnerKey);
      expect((await pullAll(hub, partner.get('Sharing group: Regional hospitals')!.id, groupPartnerKey)).map((object) => object.id)).toContain(shared.id);
      expect((await pullAll(hub, partner.get('TLP:AMBER')!.id, groupPartnerKey)).map((object) => object.id)).toContain(shared.id);
      const outsider = await collectionsByTitle(hub, outsiderKey);
      expect((await pullAll(hub, outsider.get('TLP:AMBER')!.id, outsiderKey)).map((object) => object.id)).not.toContain(shared.id);
    });

    it('5.5: 403 for a collection that is not writable or a caller who may not share', async () => {
      expectTaxiiError(await taxii(hub, objectsUrl('TLP:GREEN'), { key: memberKey, body: { objects: [ipIndicator('198.51.100.94')] } }), 403);
      const focal = await collectionsByTitle(hub, focalKey);
      expectTaxiiError(await taxii(hub, `${API_ROOT}collections/${focal.get('Submit')!.id}/objects/`, { key: focalKey, body: { objects: [ipIndicator('198.51.100.95')] } }), 403);
      const [denied] = await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.denied' AND details->>'operation' = 'taxii.add'");
      expect(denied.n).toBeGreaterThanOrEqual(2);
    });

    it('5.5: 400 for a body that is not an envelope or not JSON, 413 for too many objects, 422 for an envelope the hub cannot process', async () => {
      for (const body of [[], { objects: [] }, { objects: 'none' }, 'not json at all']) expectTaxiiError(await taxii(hub, objectsUrl('Submit'), { key: memberKey, body }), 400);
      const tooMany = { objects: Array.from({ length: 20_001 }, () => ({ type: 'x' })) };
      expectTaxiiError(await taxii(hub, objectsUrl('Submit'), { key: memberKey, body: tooMany }), 413);
      const current = ipIndicator('198.51.100.96');
      const older: Stix = { ...ipIndicator('198.51.100.97'), spec_version: '2.0' };
      const unprocessable = await taxii<{ details: { issues: { path: string }[] } }>(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [current, older] } });
      expectTaxiiError(unprocessable, 422);
      expect(unprocessable.body.details.issues.map((issue) => issue.path)).toEqual(['objects[1].spec_version']);
      expect(await queryDatabase(hub.databaseUrl, 'SELECT 1 FROM stix_object WHERE id = ANY($1)', [[current.id, older.id]])).toHaveLength(0);
    });

    it('every POST is audited with its status, and goes through the submission audit too', async () => {
      const response = await taxii<StatusResource>(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [ipIndicator('198.51.100.97')] } });
      const rows = await queryDatabase<{ action: string; actor_key_id: string | null }>(
        hub.databaseUrl,
        "SELECT action, actor_key_id FROM audit_log WHERE (action = 'taxii.objects.add' AND details->>'statusId' = $1) OR (action = 'object.submit' AND details->'objectIds' ? $2)",
        [response.body.id, response.body.successes[0].id],
      );
      expect(rows.map((row) => row.action).sort()).toEqual(['object.submit', 'taxii.objects.add']);
      expect(rows.every((row) => row.actor_key_id !== null)).toBe(true);
    });

    it('reads of AMBER content are audited; reads of GREEN content are not', async () => {
      const count = async () => (await queryDatabase<{ n: number }>(hub.databaseUrl, "SELECT count(*)::int AS n FROM audit_log WHERE action = 'object.read'"))[0].n;
      const before = await count();
      await taxii(hub, objectsUrl('TLP:GREEN'), { key: memberKey });
      expect(await count()).toBe(before);
      const read = await taxii<Envelope>(hub, objectsUrl('TLP:AMBER'), { key: memberKey });
      expect(read.body.objects!.map((object) => object.id)).toContain(amber.id);
      const [row] = await queryDatabase<{ details: { objects: { id: string }[] } }>(hub.databaseUrl, "SELECT details FROM audit_log WHERE action = 'object.read' ORDER BY seq DESC LIMIT 1");
      expect(row.details.objects.map((object) => object.id)).toEqual(read.body.objects!.map((object) => object.id));
    });
  });

  describe('5.7 Delete an Object', () => {
    it('only the source organisation may delete, on a collection it may write to; a delete revokes the object for every reader', async () => {
      const mine = ipIndicator('198.51.100.98');
      expect(await submitBundle(hub, memberToken, bundle([mine]), 'GREEN')).toMatchObject({ accepted: 1 });
      // Submit has the same id for every caller (its id comes from a fixed name).
      const url = `${objectsUrl('Submit')}${mine.id}/`;
      expectTaxiiError(await taxii(hub, url, { key: outsiderKey, method: 'DELETE' }), 403);
      expectTaxiiError(await taxii(hub, url, { key: focalKey, method: 'DELETE' }), 403);
      expectTaxiiError(await taxii(hub, url, { method: 'DELETE' }), 401);
      expectTaxiiError(await taxii(hub, `${url}?match[type]=indicator`, { key: memberKey, method: 'DELETE' }), 400);
      expectTaxiiError(await taxii(hub, `${objectsUrl('TLP:GREEN')}${mine.id}/`, { key: memberKey, method: 'DELETE' }), 403);
      const deleted = await taxii(hub, url, { key: memberKey, method: 'DELETE' });
      expect(deleted.status).toBe(200);
      const seen = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}${mine.id}/`, { key: outsiderKey });
      expect(seen.body.objects).toEqual([expect.objectContaining({ id: mine.id, revoked: true })]);
      expectTaxiiError(await taxii(hub, `${objectsUrl('Submit')}indicator--00000000-0000-4000-8000-000000000000/`, { key: memberKey, method: 'DELETE' }), 404);
      expectTaxiiError(await taxii(hub, `${objectsUrl('Submit')}${amber.id}/`, { key: outsiderKey, method: 'DELETE' }), 404);
    });

    it('a cyber observable has no versions to revoke: 422', async () => {
      const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--4b4b6d8e-2c8e-5d3e-9f1a-0c1d2e3f4a5b', value: '198.51.100.199' };
      expect(await submitBundle(hub, memberToken, bundle([address]), 'GREEN')).toMatchObject({ accepted: 1 });
      expectTaxiiError(await taxii(hub, `${objectsUrl('Submit')}${address.id}/`, { key: memberKey, method: 'DELETE' }), 422);
    });
  });

  it('3.6.2 match[version] with a timestamp finds a cyber observable by the version its manifest record names (date_added)', async () => {
    const address = { type: 'ipv4-addr', spec_version: '2.1', id: 'ipv4-addr--7c1d2e3f-4a5b-5c6d-8e7f-0a1b2c3d4e5f', value: '198.51.100.198' };
    expect(await submitBundle(hub, memberToken, bundle([address]), 'GREEN')).toMatchObject({ accepted: 1 });
    const manifest = await taxii<{ objects: { id: string; date_added: string; version: string }[] }>(hub, `${manifestUrl('TLP:GREEN')}?match[id]=${address.id}`, { key: memberKey });
    const [record] = manifest.body.objects;
    expect(record.version).toBe(record.date_added);
    const byVersion = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}?match[id]=${address.id}&match[version]=${record.version}`, { key: memberKey });
    expect(byVersion.body.objects!.map((object) => object.id)).toEqual([address.id]);
  });

  it('an object POSTed over TAXII reads back identically over GraphQL (same storage, same ingestion)', async () => {
    const shared: Stix = ipIndicator('198.51.100.99');
    const response = await taxii<StatusResource>(hub, objectsUrl('Submit'), { key: memberKey, body: { objects: [shared] } });
    expect(response.body.success_count).toBe(1);
    const graph = await hub.graphql<{ object: { tlp: string; stix: Stix } }>('query ($id: ID!) { object(id: $id) { tlp stix } }', { id: shared.id }, memberKey);
    const viaTaxii = await taxii<Envelope>(hub, `${objectsUrl('TLP:GREEN')}${shared.id}/`, { key: memberKey });
    expect(graph.data!.object.tlp).toBe('GREEN');
    expect(viaTaxii.body.objects).toEqual([graph.data!.object.stix]);
  });
});
