import { buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS } from '../support/access-matrix';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, nextVersion, relationship, report, sighting } from '../support/stix-builders';
import { API_ROOT, CollectionResource, collectionsByTitle, pullAll, taxii } from '../support/taxii';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The access matrix of the sharing policy (tests/support/access-matrix.ts, also read through GraphQL
 * in tests/e2e/sharing-access-matrix.e2e-spec.ts) repeated through TAXII: every TLP level × every
 * relation a viewer can have × every TAXII read path (collections list, objects, object, versions,
 * manifest). TAXII never carries RED, not even to the people a RED object names, nor what stands on
 * a RED object.
 */

/**
 * The policy on TAXII, the machine channel. RED goes "never through any API key or TAXII". A person
 * calling TAXII with a login token reads what a key of their organisation reads (docs/taxii.md), so
 * what is shared with a person by name is not on TAXII: the named user reads only what their own key reads.
 */
function taxiiAllows(relation: Relation, tlp: TlpName): boolean {
  if (tlp === 'RED') return false;
  if (relation === 'named recipient user') return policyAllows("named user's own key", tlp);
  return policyAllows(relation, tlp);
}

describe('TAXII: the access matrix (every TLP level × every relation × every TAXII read path)', () => {
  let hub: TestHub;
  let viewers: Map<Relation, string | undefined>;
  const indicators = new Map<TlpName, string>();
  const sightings = new Map<TlpName, string>();
  const relationships = new Map<TlpName, string>();
  let reportId: string;
  let groupId: string;
  let groupCollectionTitle: string;
  let recipientId: string;
  let source: { identityId: string; name: string };
  let anonymousId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const matrix = await buildAccessMatrix(hub);
    viewers = matrix.viewers;
    const submitter = matrix.submitter;
    source = matrix.source;
    recipientId = matrix.recipient.id;
    groupId = matrix.group.id;
    groupCollectionTitle = `Sharing group: ${matrix.group.name}`;
    const family = malware('Matrix ransomware');
    await submitBundle(hub, submitter.token, bundle([family]), 'CLEAR');
    for (const [position, tlp] of TLPS.entries()) {
      const object = ipIndicator(`198.51.100.${position + 10}`, { labels: ['matrix'] });
      expect(await submitBundle(hub, submitter.token, bundle([object]), tlp, matrix.audienceFor(tlp))).toMatchObject({ accepted: 1, rejected: 0 });
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
    expect(titles.includes(groupCollectionTitle)).toBe(relation === 'member of a recipient sharing group' || relation === 'CLIENTS key of a recipient sharing group member');
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
    const ids = (await pullAll(hub, member.get(groupCollectionTitle)!.id, viewers.get('member of a recipient sharing group'))).map((object) => object.id);
    expect(ids.sort()).toEqual([indicators.get('AMBER'), indicators.get('AMBER_STRICT')].sort());
    const groupCollection = member.get(groupCollectionTitle)!.id;
    for (const relation of ['unrelated INTERNAL key', 'submitter', 'unauthenticated'] as Relation[]) {
      const response = await taxii(hub, `${API_ROOT}collections/${groupCollection}/objects/`, { key: viewers.get(relation) });
      expect([relation, response.status]).toEqual([relation, relation === 'unauthenticated' ? 401 : 404]);
    }
    expect(groupId).toEqual(expect.any(String));
  });

  it('versions of other markings: match[version], versions and manifest show only the versions the viewer may read', async () => {
    const submitter = viewers.get('submitter')!;
    const recipientOnly = { organizationIds: [recipientId] };
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
      expect(one.body.objects[0].created_by_ref).not.toBe(source.identityId);
      expect(one.text).not.toContain(source.identityId);
      expect(one.text).not.toContain(source.name);
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
    expect(all.text).not.toContain(source.identityId);
    // The new named object is named as usual.
    const namedRead = await taxii<{ objects: { created_by_ref: string }[] }>(hub, `${API_ROOT}collections/${green.id}/objects/${named.id}/`, { key: outsiderKey });
    expect(namedRead.body.objects[0].created_by_ref).toBe(source.identityId);
    const graph = await hub.graphql<{ object: { source: { organizationId: string | null; name: string } } }>(
      'query ($id: ID!) { object(id: $id) { source { organizationId name } } }',
      { id: shared.id },
      outsiderKey,
    );
    expect(graph.data!.object.source.organizationId).toBeNull();
    expect(graph.data!.object.source.name).not.toBe(source.name);
  });
});
