import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, ipIndicator, relationship, malware, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

describe('sharing: anonymous submissions never reveal their source outside it', () => {
  let hub: TestHub;
  let source: { id: string; identityId: string; name: string };
  let submitter: { token: string };
  let colleague: { token: string };
  let outsiders: { label: string; token?: string }[];
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    source = await createOrganization(hub, admin, { name: 'Secretive Pharma Ltd', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    const recipient = await createOrganization(hub, admin, { name: 'Recipient Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'FR' });
    // A pseudonym never names a group of fewer than k (3) member organisations: two more pharma companies in FR.
    await createOrganization(hub, admin, { name: 'Other Pharma One', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    await createOrganization(hub, admin, { name: 'Other Pharma Two', kind: 'PRIVATE', sector: 'PHARMA', country: 'FR' });
    submitter = await createUser(hub, admin, { email: 'sec@pharma.test', role: 'MEMBER', organizationId: source.id });
    colleague = await createUser(hub, admin, { email: 'colleague@pharma.test', role: 'ANALYST', organizationId: source.id });
    const reader = await createUser(hub, admin, { email: 'reader@recipient.test', role: 'MEMBER', organizationId: recipient.id });
    const focal = await createUser(hub, admin, { email: 'focal@recipient.test', role: 'FOCAL_POINT', organizationId: recipient.id });
    const readerKey = await createApiKey(hub, reader.token, { name: 'siem', distribution: 'INTERNAL' });
    outsiders = [
      { label: 'recipient member', token: reader.token },
      { label: 'recipient focal point', token: focal.token },
      { label: 'recipient key', token: readerKey.key },
      { label: 'hub admin', token: admin },
      { label: 'unauthenticated' },
    ];

    const clear = ipIndicator('198.18.0.1', { created_by_ref: source.identityId, labels: ['anon'] });
    const green = ipIndicator('198.18.0.2', { labels: ['anon'] });
    const amber = ipIndicator('198.18.0.3', { labels: ['anon'] });
    const family = malware('Anon family', { labels: ['anon'] });
    const seen = sighting(green.id as string, { where_sighted_refs: [source.identityId], labels: ['anon'] });
    const link = relationship(green.id as string, 'indicates', family.id as string);
    expect(await submitBundle(hub, submitter.token, bundle([clear, family, link]), 'CLEAR', undefined, true)).toMatchObject({ accepted: 3 });
    expect(await submitBundle(hub, submitter.token, bundle([green, seen]), 'GREEN', undefined, true)).toMatchObject({ accepted: 2 });
    expect(await submitBundle(hub, submitter.token, bundle([amber]), 'AMBER', { organizationIds: [recipient.id] }, true)).toMatchObject({ accepted: 1 });
    ids.push(clear.id as string, green.id as string, amber.id as string, family.id as string, seen.id as string, link.id as string);
  });

  afterAll(async () => {
    await hub?.close();
  });

  const everyReadPath = (sourceId: string) => `{
    feed: objects(first: 500) { totalCount edges { node { id stix source { organizationId name kind sector country identityId anonymous } } } }
    filtered: objects(filter: { sourceOrganizationId: "${sourceId}" }) { totalCount edges { node { id } } }
    byLabel: objects(filter: { labels: ["anon"] }) { edges { node { id stix source { organizationId name identityId } } } }
    lookup1: lookupObservable(type: "ipv4-addr", value: "198.18.0.1") { indicators { stix source { name organizationId identityId } } sightings { stix } }
    lookup2: lookupObservable(type: "ipv4-addr", value: "198.18.0.2") { indicators { stix source { name organizationId identityId } } sightings { stix source { name } } }
    lookup3: lookupObservable(type: "ipv4-addr", value: "198.18.0.3") { indicators { stix source { name organizationId identityId } } }
    o0: object(id: "${ids[0]}") { stix source { name organizationId identityId } }
    o1: object(id: "${ids[1]}") { stix source { name organizationId identityId } }
    o2: object(id: "${ids[2]}") { stix source { name organizationId identityId } }
    o4: object(id: "${ids[4]}") { stix source { name organizationId identityId } }
  }`;

  it.each([0, 1, 2, 3, 4])('no answer to outsider #%i contains the source name, id or identity', async (position) => {
    const outsider = outsiders[position];
    const response = await hub.graphql<{ feed: { edges: { node: { id: string; source: { anonymous: boolean; name: string; identityId: string; organizationId: string | null } } }[] }; filtered: { totalCount: number } }>(
      everyReadPath(source.id),
      {},
      outsider.token,
    );
    expect(response.errors).toBeUndefined();
    for (const secret of [source.name, source.id, source.identityId, 'Secretive']) {
      expect(response.text).not.toContain(secret);
    }
    const visible = response.data!.feed.edges.filter((edge) => ids.includes(edge.node.id));
    expect(visible.length).toBeGreaterThan(0);
    for (const edge of visible) {
      expect(edge.node.source).toMatchObject({ anonymous: true, organizationId: null, name: 'Anonymous pharmaceutical company, FR' });
    }
    // Filtering by the real source must not single out its anonymous submissions.
    expect(response.data!.filtered.totalCount).toBe(0);
  });

  it('points created_by_ref and where_sighted_refs at the pseudonym of sector and country', async () => {
    const response = await hub.graphql<{ o0: { stix: Record<string, unknown>; source: { identityId: string } }; o4: { stix: Record<string, unknown> } }>(everyReadPath(source.id), {}, outsiders[0].token);
    const pseudonym = response.data!.o0.source.identityId;
    expect(pseudonym).toMatch(/^identity--/);
    expect(response.data!.o0.stix.created_by_ref).toBe(pseudonym);
    expect(response.data!.o4.stix.where_sighted_refs).toEqual([pseudonym]);
  });

  it('tells the source organisation itself that the objects are its own', async () => {
    const response = await hub.graphql<{ filtered: { totalCount: number }; o1: { source: { organizationId: string; name: string } } }>(everyReadPath(source.id), {}, colleague.token);
    expect(response.data!.o1.source).toMatchObject({ organizationId: source.id, name: source.name });
    expect(response.data!.filtered.totalCount).toBe(6);
  });

  it('does not name the source in errors either', async () => {
    const response = await hub.graphql(`mutation ($id: ID!) { revokeObject(id: $id) { id } }`, { id: ids[1] }, outsiders[0].token);
    expect(response.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const secret of [source.name, source.id, source.identityId]) expect(response.text).not.toContain(secret);
  });

  it('keeps every version of an object as anonymous as its first: a named new version is refused and stores nothing', async () => {
    const green = ipIndicator('198.18.0.2', { id: ids[1], modified: new Date(Date.now() + 60_000).toISOString(), labels: ['anon'] });
    const named = await submitBundle(hub, submitter.token, bundle([green]), 'GREEN');
    expect(named).toMatchObject({ accepted: 0, rejected: 1 });
    expect(named.results[0].errors).toEqual([{ path: 'objects[0].anonymous', message: 'earlier versions of this object were shared anonymously; submit its new versions the same way' }]);
    const response = await hub.graphql<{ object: { stix: { modified: string }; source: { name: string } } }>(
      `{ object(id: "${ids[1]}") { stix source { name } } }`,
      {},
      outsiders[0].token,
    );
    expect(response.data!.object.source.name).toBe('Anonymous pharmaceutical company, FR');
    expect(response.text).not.toContain(source.name);
    expect(response.data!.object.stix.modified).not.toBe(green.modified);
    const anonymousAgain = await submitBundle(hub, submitter.token, bundle([green]), 'GREEN', undefined, true);
    expect(anonymousAgain).toMatchObject({ accepted: 1 });
  });
});
