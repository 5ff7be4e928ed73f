import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, nextVersion, relationship, report, sighting } from '../support/stix-builders';
import { API_ROOT, CollectionResource, collectionsByTitle, pullAll, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The access matrix of the sharing policy (tests/e2e/sharing-access-matrix.e2e-spec.ts) repeated
 * through TAXII: every TLP level × every relation a viewer can have × every TAXII read path
 * (collections list, objects, object, versions, manifest). TAXII never carries RED, not even to
 * the people a RED object names, nor what stands on a RED object.
 */

/** Every relation a viewer can have to an object (as in tests/e2e/sharing-access-matrix.e2e-spec.ts). */
const RELATIONS = [
  'submitter',
  'colleague of the submitter',
  'named recipient organisation',
  'member of a recipient sharing group',
  'member of a built-in audience',
  'named recipient user',
  'colleague of the named user',
  'unrelated member',
  'unrelated analyst',
  'unrelated focal point',
  'hub admin',
  'admin of the source organisation',
  'INTERNAL key of the source',
  'CLIENTS key of the source',
  'INTERNAL key of the recipient organisation',
  'CLIENTS key of the recipient organisation',
  'CLIENTS key of a recipient sharing group member',
  "named user's own key",
  'unrelated INTERNAL key',
  'unauthenticated',
] as const;
type Relation = (typeof RELATIONS)[number];

const TLPS: TlpName[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/**
 * The policy, written from access-policy.md, independently of the hub's SQL. TAXII is the machine
 * channel: a person calling it with a login token reads what a key of their organisation reads
 * (docs/taxii.md), so what is shared with a person by name is not on TAXII.
 */
const AMBER_READERS: Relation[] = [
  'submitter',
  'colleague of the submitter',
  'named recipient organisation',
  'member of a recipient sharing group',
  'member of a built-in audience',
  'admin of the source organisation',
  'INTERNAL key of the source',
  'CLIENTS key of the source',
  'INTERNAL key of the recipient organisation',
  'CLIENTS key of the recipient organisation',
  'CLIENTS key of a recipient sharing group member',
];

function taxiiAllows(relation: Relation, tlp: TlpName): boolean {
  switch (tlp) {
    case 'CLEAR':
      return true;
    case 'GREEN':
      return relation !== 'unauthenticated';
    case 'AMBER':
      return AMBER_READERS.includes(relation);
    case 'AMBER_STRICT':
      return AMBER_READERS.includes(relation) && !relation.startsWith('CLIENTS key');
    case 'RED':
      // "never through any API key or TAXII"
      return false;
  }
}

describe('TAXII: the access matrix (every TLP level × every relation × every TAXII read path)', () => {
  let hub: TestHub;
  const viewers = new Map<Relation, string | undefined>();
  const indicators = new Map<TlpName, string>();
  const sightings = new Map<TlpName, string>();
  const relationships = new Map<TlpName, string>();
  let reportId: string;
  let groupId: string;
  let sourceIdentityId: string;
  let anonymousId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string, kind: 'PUBLIC' | 'PRIVATE') => createOrganization(hub, admin, { name, kind, sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Source hospital group', 'PRIVATE');
    sourceIdentityId = source.identityId;
    const recipient = await org('Named recipient', 'PRIVATE');
    const grouped = await org('Grouped pharma', 'PRIVATE');
    const publicBody = await org('Ministry of Health', 'PUBLIC');
    const namedUsersOrg = await org('Named user employer', 'PRIVATE');
    const unrelated = await org('Unrelated supplier', 'PRIVATE');
    const group = await createSharingGroup(hub, admin, { name: 'Joint working group', organizationIds: [grouped.id] });
    groupId = group.id;

    const user = (email: string, role: 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN', organizationId: string) => createUser(hub, admin, { email, role, organizationId });
    const submitter = await user('submitter@source.test', 'MEMBER', source.id);
    const namedUser = await user('named@named.test', 'MEMBER', namedUsersOrg.id);
    const recipientUser = await user('reader@recipient.test', 'MEMBER', recipient.id);
    viewers.set('submitter', submitter.token);
    viewers.set('colleague of the submitter', (await user('colleague@source.test', 'MEMBER', source.id)).token);
    viewers.set('named recipient organisation', recipientUser.token);
    const groupMember = await user('member@grouped.test', 'ANALYST', grouped.id);
    viewers.set('member of a recipient sharing group', groupMember.token);
    viewers.set('member of a built-in audience', (await user('officer@ministry.test', 'FOCAL_POINT', publicBody.id)).token);
    viewers.set('named recipient user', namedUser.token);
    viewers.set('colleague of the named user', (await user('colleague@named.test', 'MEMBER', namedUsersOrg.id)).token);
    viewers.set('unrelated member', (await user('member@unrelated.test', 'MEMBER', unrelated.id)).token);
    viewers.set('unrelated analyst', (await user('analyst@unrelated.test', 'ANALYST', unrelated.id)).token);
    viewers.set('unrelated focal point', (await user('focal@unrelated.test', 'FOCAL_POINT', unrelated.id)).token);
    viewers.set('hub admin', admin);
    viewers.set('admin of the source organisation', (await user('admin@source.test', 'ADMIN', source.id)).token);
    viewers.set('INTERNAL key of the source', (await createApiKey(hub, submitter.token, { name: 'siem', distribution: 'INTERNAL' })).key);
    viewers.set('CLIENTS key of the source', (await createApiKey(hub, submitter.token, { name: 'mssp', distribution: 'CLIENTS' })).key);
    viewers.set('INTERNAL key of the recipient organisation', (await createApiKey(hub, recipientUser.token, { name: 'siem', distribution: 'INTERNAL' })).key);
    viewers.set('CLIENTS key of the recipient organisation', (await createApiKey(hub, recipientUser.token, { name: 'mssp', distribution: 'CLIENTS' })).key);
    // Its group collection holds AMBER+STRICT shared with the group: a CLIENTS key must not read those through it.
    viewers.set('CLIENTS key of a recipient sharing group member', (await createApiKey(hub, groupMember.token, { name: 'mssp', distribution: 'CLIENTS' })).key);
    viewers.set("named user's own key", (await createApiKey(hub, namedUser.token, { name: 'script', distribution: 'INTERNAL' })).key);
    viewers.set('unrelated INTERNAL key', (await createApiKey(hub, (await user('keys@unrelated.test', 'MEMBER', unrelated.id)).token, { name: 'tip', distribution: 'INTERNAL' })).key);
    viewers.set('unauthenticated', undefined);

    const fullAudience = { organizationIds: [recipient.id], sharingGroupIds: [group.id], audiences: ['PUBLIC_SECTOR' as const], userIds: [namedUser.id] };
    const family = malware('Matrix ransomware');
    await submitBundle(hub, submitter.token, bundle([family]), 'CLEAR');
    for (const [position, tlp] of TLPS.entries()) {
      const object = ipIndicator(`198.51.100.${position + 10}`, { labels: ['matrix'] });
      const audience = tlp === 'RED' ? { userIds: [namedUser.id] } : tlp === 'AMBER' || tlp === 'AMBER_STRICT' ? fullAudience : undefined;
      expect(await submitBundle(hub, submitter.token, bundle([object]), tlp, audience)).toMatchObject({ accepted: 1, rejected: 0 });
      indicators.set(tlp, object.id as string);
      // CLEAR objects that stand on the restricted ones: they must not reveal them.
      const seen = sighting(object.id as string);
      const uses = relationship(object.id as string, 'indicates', family.id as string);
      expect(await submitBundle(hub, submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      sightings.set(tlp, seen.id as string);
      relationships.set(tlp, uses.id as string);
    }
    const summary = report('Matrix report', TLPS.map((tlp) => indicators.get(tlp)!));
    expect(await submitBundle(hub, submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = summary.id as string;
    const anonymous = ipIndicator('198.51.100.99');
    expect(await submitBundle(hub, submitter.token, bundle([anonymous]), 'GREEN', undefined, true)).toMatchObject({ accepted: 1 });
    anonymousId = anonymous.id as string;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('has a viewer for every relation', () => {
    expect([...viewers.keys()]).toEqual(RELATIONS);
  });

  it.each(RELATIONS)('%s sees each TLP level exactly when the policy allows, on every TAXII read path', async (relation) => {
    const key = viewers.get(relation);
    const collections = await collectionsByTitle(hub, key);
    const titles = [...collections.keys()];
    // The collections list itself.
    if (relation === 'unauthenticated') expect(titles).toEqual(['TLP:CLEAR']);
    expect(titles.includes('TLP:AMBER+STRICT')).toBe(relation !== 'unauthenticated' && !relation.startsWith('CLIENTS key'));
    expect(titles.some((title) => title.includes('RED'))).toBe(false);
    expect(titles.includes('Sharing group: Joint working group')).toBe(relation === 'member of a recipient sharing group' || relation === 'CLIENTS key of a recipient sharing group member');
    const readable: CollectionResource[] = [...collections.values()].filter((collection) => collection.can_read);

    // Objects (every version) and manifests of every readable collection, followed to the last page.
    const pulled = new Map<string, string>();
    const manifestIds = new Set<string>();
    for (const collection of readable) {
      for (const object of await pullAll(hub, collection.id, key, 'match[version]=all', 4)) pulled.set(object.id as string, JSON.stringify(object));
      let next: string | undefined;
      do {
        const page = await taxii<{ more: boolean; next?: string; objects?: { id: string }[] }>(
          hub,
          `${API_ROOT}collections/${collection.id}/manifest/?match[version]=all&limit=4${next ? `&next=${next}` : ''}`,
          { key },
        );
        expect(page.status).toBe(200);
        for (const record of page.body.objects ?? []) manifestIds.add(record.id);
        next = page.body.more ? page.body.next : undefined;
      } while (next);
    }

    for (const tlp of TLPS) {
      const allowed = taxiiAllows(relation, tlp);
      const id = indicators.get(tlp)!;
      const because = `${relation} / TLP ${tlp}`;
      expect([because, pulled.has(id)]).toEqual([because, allowed]);
      expect([because, manifestIds.has(id)]).toEqual([because, allowed]);
      // The CLEAR sighting and relationship stand on the indicator: they show only with it.
      expect([because, pulled.has(sightings.get(tlp)!), pulled.has(relationships.get(tlp)!)]).toEqual([because, allowed, allowed]);
      expect([because, manifestIds.has(sightings.get(tlp)!)]).toEqual([because, allowed]);
      // The CLEAR report lists only the references the viewer may follow.
      expect([because, (JSON.parse(pulled.get(reportId)!) as { object_refs: string[] }).object_refs.includes(id)]).toEqual([because, allowed]);

      // One object and its versions, asked for in every readable collection.
      let found = 0;
      for (const collection of readable) {
        const one = await taxii<{ objects?: { id: string }[] }>(hub, `${API_ROOT}collections/${collection.id}/objects/${id}/`, { key });
        const versions = await taxii<{ versions?: string[] }>(hub, `${API_ROOT}collections/${collection.id}/objects/${id}/versions/`, { key });
        expect([because, collection.title, one.status]).toEqual([because, collection.title, versions.status]);
        if (one.status === 200) {
          found += 1;
          expect(one.body.objects!.map((object) => object.id)).toEqual([id]);
          expect(versions.body.versions).toHaveLength(1);
        } else {
          expect([because, one.status]).toEqual([because, 404]);
          // Absent and unreadable look the same.
          const absentId = 'indicator--00000000-0000-4000-8000-000000000000';
          const absent = await taxii(hub, `${API_ROOT}collections/${collection.id}/objects/${absentId}/`, { key });
          expect(one.text.replace(id, 'ID')).toBe(absent.text.replace(absentId, 'ID'));
        }
      }
      // In its TLP collection, and in a sharing group's collection too when shared with the group.
      expect([because, found > 0]).toEqual([because, allowed]);
    }
    // Not even the raw answers mention an object the viewer may not read.
    const everything = [...pulled.values()].join('\n');
    for (const tlp of TLPS) if (!taxiiAllows(relation, tlp)) expect(everything).not.toContain(indicators.get(tlp)!);
  });

  it('the group collection holds the AMBER and AMBER+STRICT objects shared with the group, for its members only', async () => {
    const member = await collectionsByTitle(hub, viewers.get('member of a recipient sharing group'));
    const ids = (await pullAll(hub, member.get('Sharing group: Joint working group')!.id, viewers.get('member of a recipient sharing group'))).map((object) => object.id);
    expect(ids.sort()).toEqual([indicators.get('AMBER'), indicators.get('AMBER_STRICT')].sort());
    const groupCollection = member.get('Sharing group: Joint working group')!.id;
    for (const relation of ['unrelated INTERNAL key', 'submitter', 'unauthenticated'] as Relation[]) {
      const response = await taxii(hub, `${API_ROOT}collections/${groupCollection}/objects/`, { key: viewers.get(relation) });
      expect([relation, response.status]).toEqual([relation, relation === 'unauthenticated' ? 401 : 404]);
    }
    expect(groupId).toEqual(expect.any(String));
  });

  it('versions of other markings: match[version], versions and manifest show only the versions the viewer may read', async () => {
    const submitter = viewers.get('submitter')!;
    const recipientOnly = { organizationIds: [(await hub.graphql<{ me: { organization: { id: string } } }>('{ me { organization { id } } }', {}, viewers.get('named recipient organisation'))).data!.me.organization.id] };
    // Widened by its source: AMBER for the recipient first, then GREEN for everyone.
    const widened = ipIndicator('198.51.100.150', { description: 'amber draft for the recipient' });
    const widened2 = nextVersion(widened, { description: 'published' });
    // Narrowed by its source: GREEN first, then AMBER for the recipient only.
    const narrowed = ipIndicator('198.51.100.151', { description: 'public first' });
    const narrowed2 = nextVersion(narrowed, { description: 'amber follow-up for the recipient' });
    expect(await submitBundle(hub, submitter, bundle([widened]), 'AMBER', recipientOnly)).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, submitter, bundle([widened2]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, submitter, bundle([narrowed]), 'GREEN')).toMatchObject({ accepted: 1 });
    expect(await submitBundle(hub, submitter, bundle([narrowed2]), 'AMBER', recipientOnly)).toMatchObject({ accepted: 1 });

    const versionsSeen = async (relation: Relation, id: string) => {
      const key = viewers.get(relation);
      const seen: Record<string, unknown> = {};
      for (const [title, collection] of await collectionsByTitle(hub, key)) {
        if (!collection.can_read) continue;
        const base = `${API_ROOT}collections/${collection.id}`;
        const all = await taxii<{ objects?: { modified: string }[] }>(hub, `${base}/objects/?match[id]=${id}&match[version]=all`, { key });
        const versions = await taxii<{ versions?: string[] }>(hub, `${base}/objects/${id}/versions/`, { key });
        const manifest = await taxii<{ objects?: { version: string }[] }>(hub, `${base}/manifest/?match[id]=${id}&match[version]=first,last,all`, { key });
        const modified = (all.body.objects ?? []).map((object) => object.modified);
        expect([title, versions.body.versions ?? []]).toEqual([title, modified]);
        expect([title, (manifest.body.objects ?? []).map((record) => record.version)]).toEqual([title, modified]);
        for (const text of [all.text, versions.text, manifest.text]) expect(text).not.toContain('for the recipient');
        if (modified.length) seen[title] = modified;
      }
      return seen;
    };
    // An outsider never gets the AMBER version, in any collection or list of versions.
    for (const relation of ['unrelated INTERNAL key', 'unrelated member', 'member of a recipient sharing group'] as Relation[]) {
      expect([relation, await versionsSeen(relation, widened.id as string)]).toEqual([relation, { 'TLP:GREEN': [widened2.modified] }]);
      expect([relation, await versionsSeen(relation, narrowed.id as string)]).toEqual([relation, { 'TLP:GREEN': [narrowed.modified] }]);
    }
    // The recipient gets each version in the collection of its own marking.
    const recipientKey = viewers.get('INTERNAL key of the recipient organisation');
    const collections = await collectionsByTitle(hub, recipientKey);
    const pulled = async (title: string, query: string) => (await pullAll(hub, collections.get(title)!.id, recipientKey, query)).map((object) => object.modified);
    expect(await pulled('TLP:AMBER', `match[id]=${widened.id}&match[version]=all`)).toEqual([widened.modified]);
    expect(await pulled('TLP:GREEN', `match[id]=${narrowed.id}`)).toEqual([]);
    expect(await pulled('TLP:AMBER', `match[id]=${narrowed.id}`)).toEqual([narrowed2.modified]);
  });

  it('an anonymous submission never reveals its source over TAXII', async () => {
    for (const relation of ['unrelated INTERNAL key', 'member of a built-in audience', 'INTERNAL key of the source'] as Relation[]) {
      const key = viewers.get(relation);
      const green = (await collectionsByTitle(hub, key)).get('TLP:GREEN')!;
      const one = await taxii<{ objects: { created_by_ref: string }[] }>(hub, `${API_ROOT}collections/${green.id}/objects/${anonymousId}/`, { key });
      expect(one.status).toBe(200);
      expect(one.body.objects[0].created_by_ref).not.toBe(sourceIdentityId);
      expect(one.text).not.toContain(sourceIdentityId);
      expect(one.text).not.toContain('Source hospital group');
    }
  });

  it('a new version POSTed over TAXII (never anonymous) does not reveal the source of an object shared anonymously', async () => {
    const sourceKey = viewers.get('INTERNAL key of the source')!;
    const outsiderKey = viewers.get('unrelated INTERNAL key')!;
    const shared = ipIndicator('198.51.100.160');
    expect(await submitBundle(hub, viewers.get('submitter')!, bundle([shared]), 'GREEN', undefined, true)).toMatchObject({ accepted: 1 });
    // The source's SIEM pulls it (with the pseudonym as creator), edits it and pushes it back.
    const green = (await collectionsByTitle(hub, sourceKey)).get('TLP:GREEN')!;
    const pulled = (await taxii<{ objects: Record<string, unknown>[] }>(hub, `${API_ROOT}collections/${green.id}/objects/${shared.id}/`, { key: sourceKey })).body.objects[0];
    const submit = (await collectionsByTitle(hub, sourceKey)).get('Submit')!;
    const update = nextVersion(pulled, { description: 'updated by the SIEM' });
    const named = ipIndicator('198.51.100.161');
    const broken: Record<string, unknown> = { ...ipIndicator('198.51.100.162'), pattern: "[ipv4-addr:value = '198.51.100.162'" };
    const withoutCreator = nextVersion({ ...pulled, created_by_ref: undefined }, { description: 'no creator' }, 2000);
    // Anonymous updates and a new named object in one envelope: each object keeps its place in the status.
    const status = await taxii<{ success_count: number; successes: { id: string }[]; failures: { id: string; message: string }[] }>(hub, `${API_ROOT}collections/${submit.id}/objects/`, {
      key: sourceKey,
      body: { objects: [update, named, broken, withoutCreator] },
    });
    expect(status.status).toBe(202);
    expect(status.body.successes.map((success) => success.id)).toEqual([shared.id, named.id, shared.id]);
    expect(status.body.failures).toEqual([expect.objectContaining({ id: broken.id, message: expect.stringMatching(/^objects\[2\]\.pattern/) })]);

    const all = await taxii<{ objects: { created_by_ref: string }[] }>(hub, `${API_ROOT}collections/${green.id}/objects/${shared.id}/?match[version]=all`, { key: outsiderKey });
    expect(all.body.objects).toHaveLength(3);
    expect(all.text).not.toContain(sourceIdentityId);
    // The new named object is named as usual.
    const namedRead = await taxii<{ objects: { created_by_ref: string }[] }>(hub, `${API_ROOT}collections/${green.id}/objects/${named.id}/`, { key: outsiderKey });
    expect(namedRead.body.objects[0].created_by_ref).toBe(sourceIdentityId);
    const graph = await hub.graphql<{ object: { source: { organizationId: string | null; name: string } } }>(
      'query ($id: ID!) { object(id: $id) { source { organizationId name } } }',
      { id: shared.id },
      outsiderKey,
    );
    expect(graph.data!.object.source.organizationId).toBeNull();
    expect(graph.data!.object.source.name).not.toBe('Source hospital group');
  });
});
