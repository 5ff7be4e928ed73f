import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * The access matrix of the policy: one object per TLP level, all shared by the same submitter with
 * the same audience, and one viewer for every relation a viewer can have to them. Every read path
 * must show each object exactly when the policy below allows it.
 */

type Relation =
  | 'submitter'
  | 'colleague of the submitter'
  | 'named recipient organisation'
  | 'member of a recipient sharing group'
  | 'member of a built-in audience'
  | 'named recipient user'
  | 'colleague of the named user'
  | 'unrelated member'
  | 'unrelated analyst'
  | 'unrelated focal point'
  | 'hub admin'
  | 'admin of the source organisation'
  | 'INTERNAL key of the source'
  | 'CLIENTS key of the source'
  | 'INTERNAL key of the recipient organisation'
  | 'CLIENTS key of the recipient organisation'
  | "named user's own key"
  | 'unrelated INTERNAL key'
  | 'unauthenticated';

const TLPS: TlpName[] = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

/** The policy, written from access-policy.md, independently of the hub's SQL. */
const AMBER_READERS: Relation[] = [
  'submitter',
  'colleague of the submitter',
  'named recipient organisation',
  'member of a recipient sharing group',
  'member of a built-in audience',
  'named recipient user',
  'admin of the source organisation',
  'INTERNAL key of the source',
  'CLIENTS key of the source',
  'INTERNAL key of the recipient organisation',
  'CLIENTS key of the recipient organisation',
];
function policyAllows(relation: Relation, tlp: TlpName): boolean {
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
      return relation === 'submitter' || relation === 'named recipient user';
  }
}

const OBJECT_FIELDS = 'id type tlp stix';

describe('sharing: the access matrix (every TLP level × every relation × every read path)', () => {
  let hub: TestHub;
  const viewers = new Map<Relation, string | undefined>();
  const indicators = new Map<TlpName, { id: string; ip: string }>();
  const sightings = new Map<TlpName, string>();
  const relationships = new Map<TlpName, string>();
  let reportId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string, kind: 'PUBLIC' | 'PRIVATE') => createOrganization(hub, admin, { name, kind, sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Source hospital group', 'PRIVATE');
    const recipient = await org('Named recipient', 'PRIVATE');
    const grouped = await org('Grouped pharma', 'PRIVATE');
    const publicBody = await org('Ministry of Health', 'PUBLIC');
    const namedUsersOrg = await org('Named user employer', 'PRIVATE');
    const unrelated = await org('Unrelated supplier', 'PRIVATE');
    const group = await createSharingGroup(hub, admin, { name: 'Joint working group', organizationIds: [grouped.id] });

    const user = (email: string, role: 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN', organizationId: string) => createUser(hub, admin, { email, role, organizationId });
    const submitter = await user('submitter@source.test', 'MEMBER', source.id);
    const namedUser = await user('named@named.test', 'MEMBER', namedUsersOrg.id);
    const recipientUser = await user('reader@recipient.test', 'MEMBER', recipient.id);
    viewers.set('submitter', submitter.token);
    viewers.set('colleague of the submitter', (await user('colleague@source.test', 'MEMBER', source.id)).token);
    viewers.set('named recipient organisation', recipientUser.token);
    viewers.set('member of a recipient sharing group', (await user('member@grouped.test', 'ANALYST', grouped.id)).token);
    viewers.set('member of a built-in audience', (await user('officer@ministry.test', 'FOCAL_POINT', publicBody.id)).token);
    viewers.set('named recipient user', namedUser.token);
    viewers.set('colleague of the named user', (await user('colleague@named.test', 'MEMBER', namedUsersOrg.id)).token);
    viewers.set('unrelated member', (await user('member@unrelated.test', 'MEMBER', unrelated.id)).token);
    viewers.set('unrelated analyst', (await user('analyst@unrelated.test', 'ANALYST', unrelated.id)).token);
    viewers.set('unrelated focal point', (await user('focal@unrelated.test', 'FOCAL_POINT', unrelated.id)).token);
    // The hub operator organisation is PRIVATE, so the admin is outside the PUBLIC_SECTOR audience used here.
    viewers.set('hub admin', admin);
    viewers.set('admin of the source organisation', (await user('admin@source.test', 'ADMIN', source.id)).token);
    viewers.set('INTERNAL key of the source', (await createApiKey(hub, submitter.token, { name: 'siem', distribution: 'INTERNAL' })).key);
    viewers.set('CLIENTS key of the source', (await createApiKey(hub, submitter.token, { name: 'mssp', distribution: 'CLIENTS' })).key);
    viewers.set('INTERNAL key of the recipient organisation', (await createApiKey(hub, recipientUser.token, { name: 'siem', distribution: 'INTERNAL' })).key);
    viewers.set('CLIENTS key of the recipient organisation', (await createApiKey(hub, recipientUser.token, { name: 'mssp', distribution: 'CLIENTS' })).key);
    viewers.set("named user's own key", (await createApiKey(hub, namedUser.token, { name: 'script', distribution: 'INTERNAL' })).key);
    viewers.set('unrelated INTERNAL key', (await createApiKey(hub, (await user('keys@unrelated.test', 'MEMBER', unrelated.id)).token, { name: 'tip', distribution: 'INTERNAL' })).key);
    viewers.set('unauthenticated', undefined);

    const fullAudience = { organizationIds: [recipient.id], sharingGroupIds: [group.id], audiences: ['PUBLIC_SECTOR' as const], userIds: [namedUser.id] };
    const family = malware('Matrix ransomware');
    await submitBundle(hub, submitter.token, bundle([family]), 'CLEAR');
    for (const [position, tlp] of TLPS.entries()) {
      const ip = `198.51.100.${position + 10}`;
      const object = ipIndicator(ip, { labels: ['matrix'] });
      const audience = tlp === 'RED' ? { userIds: [namedUser.id] } : tlp === 'AMBER' || tlp === 'AMBER_STRICT' ? fullAudience : undefined;
      const result = await submitBundle(hub, submitter.token, bundle([object]), tlp, audience);
      expect(result).toMatchObject({ accepted: 1, rejected: 0 });
      indicators.set(tlp, { id: object.id as string, ip });
      // Public objects that point at the restricted ones: they must not reveal them.
      const seen = sighting(object.id as string);
      const uses = relationship(object.id as string, 'indicates', family.id as string);
      expect(await submitBundle(hub, submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      sightings.set(tlp, seen.id as string);
      relationships.set(tlp, uses.id as string);
    }
    const summary = report('Matrix report', TLPS.map((tlp) => indicators.get(tlp)!.id));
    expect(await submitBundle(hub, submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = summary.id as string;
  });

  afterAll(async () => {
    await hub?.close();
  });

  const relations = (): Relation[] => [...viewers.keys()];

  it('has a viewer for every relation', () => {
    expect(relations()).toHaveLength(19);
  });

  describe.each(TLPS)('TLP %s', (tlp) => {
    it.each([
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
      "named user's own key",
      'unrelated INTERNAL key',
      'unauthenticated',
    ] as Relation[])('%s sees it exactly when the policy allows, on every read path', async (relation) => {
      const token = viewers.get(relation);
      const allowed = policyAllows(relation, tlp);
      const { id, ip } = indicators.get(tlp)!;
      const response = await hub.graphql<{
        byId: { id: string } | null;
        feed: { totalCount: number; edges: { node: { id: string } }[] };
        typed: { totalCount: number; edges: { node: { id: string } }[] };
        byTlp: { totalCount: number };
        byObservable: { totalCount: number };
        lookup: { indicators: { id: string }[]; sightings: { id: string }[]; sightingCount: number };
        theSighting: { id: string } | null;
        theRelationship: { id: string } | null;
        theReport: { stix: { object_refs: string[] } } | null;
        sightingsFeed: { edges: { node: { id: string } }[] };
      }>(
        `query Matrix($id: ID!, $sighting: ID!, $relationship: ID!, $report: ID!, $ip: String!, $tlp: Tlp!) {
          byId: object(id: $id) { ${OBJECT_FIELDS} }
          feed: objects(first: 500) { totalCount edges { node { id } } }
          typed: objects(first: 500, filter: { types: ["indicator"], labels: ["matrix"] }) { totalCount edges { node { id } } }
          byTlp: objects(filter: { tlp: [$tlp], types: ["indicator"] }) { totalCount }
          byObservable: objects(filter: { observable: { type: "ipv4-addr", value: $ip } }) { totalCount }
          lookup: lookupObservable(type: "ipv4-addr", value: $ip) { indicators { id } sightings { id } sightingCount }
          theSighting: object(id: $sighting) { id }
          theRelationship: object(id: $relationship) { id }
          theReport: object(id: $report) { stix }
          sightingsFeed: objects(first: 500, filter: { types: ["sighting", "relationship"] }) { edges { node { id } } }
        }`,
        { id, ip, tlp, sighting: sightings.get(tlp), relationship: relationships.get(tlp), report: reportId },
        token,
      );
      expect(response.errors).toBeUndefined();
      const data = response.data!;
      const ids = (edges: { node: { id: string } }[]) => edges.map((edge) => edge.node.id);

      expect(data.byId?.id ?? null).toBe(allowed ? id : null);
      expect(ids(data.feed.edges).includes(id)).toBe(allowed);
      expect(ids(data.typed.edges).includes(id)).toBe(allowed);
      const readableLevels = TLPS.filter((level) => policyAllows(relation, level)).length;
      expect(data.typed.totalCount).toBe(readableLevels);
      // The whole feed: the CLEAR malware and report, and per readable indicator itself, its sighting and its relationship.
      expect(data.feed.totalCount).toBe(2 + 3 * readableLevels);
      expect(data.feed.edges).toHaveLength(data.feed.totalCount);
      expect(data.byTlp.totalCount).toBe(allowed ? 1 : 0);
      expect(data.byObservable.totalCount).toBe(allowed ? 1 : 0);
      expect(data.lookup.indicators.map((found) => found.id)).toEqual(allowed ? [id] : []);
      expect(data.lookup.sightings.map((found) => found.id)).toEqual(allowed ? [sightings.get(tlp)] : []);
      expect(data.lookup.sightingCount).toBe(allowed ? 3 : 0);
      // The CLEAR sighting and relationship stand on the indicator: they show only with it.
      expect(data.theSighting?.id ?? null).toBe(allowed ? sightings.get(tlp) : null);
      expect(data.theRelationship?.id ?? null).toBe(allowed ? relationships.get(tlp) : null);
      expect(ids(data.sightingsFeed.edges).includes(sightings.get(tlp)!)).toBe(allowed);
      expect(ids(data.sightingsFeed.edges).includes(relationships.get(tlp)!)).toBe(allowed);
      // The CLEAR report lists only the references the viewer may follow.
      expect(data.theReport!.stix.object_refs.includes(id)).toBe(allowed);
      // Not even the raw answer mentions an object the viewer may not read.
      if (!allowed) expect(response.text).not.toContain(id);
    });
  });
});
