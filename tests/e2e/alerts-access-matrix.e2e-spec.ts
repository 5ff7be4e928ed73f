import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, malware, relationship, report, sighting } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, LiveClient, LiveSubscription, settle } from '../support/ws-client';

/*
 * The access matrix of the sharing issue (tests/e2e/sharing-access-matrix.e2e-spec.ts), run through
 * the live paths: every relation a viewer can have to an object subscribes to objectAdded, and every
 * person among them keeps a watch filter; each receives, and keeps alerts for, exactly what the
 * policy lets it read. Objects that stand on unreadable ones are not delivered, and a report's
 * references to them are dropped.
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

const RELATIONS: Relation[] = [
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
];
/** Those who sign in as a person, and so may keep watch filters. */
const PEOPLE = RELATIONS.filter((relation) => !relation.includes('key') && relation !== 'unauthenticated');

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

interface Delivered {
  id: string;
  stix: { object_refs?: string[] };
}
const OBJECT_ADDED = 'subscription { objectAdded { id stix } }';

describe('alerts: the access matrix through objectAdded and watch-filter alerts', () => {
  let hub: TestHub;
  const credentials = new Map<Relation, { bearer?: string; apiKey?: string }>();
  const subscriptions = new Map<Relation, LiveSubscription<Delivered>>();
  const clients: LiveClient[] = [];
  const indicators = new Map<TlpName, string>();
  const standingOn = new Map<TlpName, string[]>();
  let familyId: string;
  let reportId: string;

  beforeAll(async () => {
    hub = await startTestHub();
    const admin = await adminToken(hub);
    const org = (name: string, kind: 'PUBLIC' | 'PRIVATE') => createOrganization(hub, admin, { name, kind, sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const source = await org('Live matrix source', 'PRIVATE');
    const recipient = await org('Live matrix recipient', 'PRIVATE');
    const grouped = await org('Live matrix grouped pharma', 'PRIVATE');
    const publicBody = await org('Live matrix ministry', 'PUBLIC');
    const namedUsersOrg = await org('Live matrix named user employer', 'PRIVATE');
    const unrelated = await org('Live matrix unrelated supplier', 'PRIVATE');
    const group = await createSharingGroup(hub, admin, { name: 'Live matrix working group', organizationIds: [grouped.id] });

    const user = (email: string, role: 'MEMBER' | 'ANALYST' | 'FOCAL_POINT' | 'ADMIN', organizationId: string) => createUser(hub, admin, { email, role, organizationId });
    const submitter = await user('submitter@live-matrix.test', 'MEMBER', source.id);
    const namedUser = await user('named@live-matrix.test', 'MEMBER', namedUsersOrg.id);
    const recipientUser = await user('reader@live-matrix.test', 'MEMBER', recipient.id);
    const person = (token: string) => ({ bearer: token });
    credentials.set('submitter', person(submitter.token));
    credentials.set('colleague of the submitter', person((await user('colleague@live-matrix.test', 'MEMBER', source.id)).token));
    credentials.set('named recipient organisation', person(recipientUser.token));
    credentials.set('member of a recipient sharing group', person((await user('member@grouped.live-matrix.test', 'ANALYST', grouped.id)).token));
    credentials.set('member of a built-in audience', person((await user('officer@ministry.live-matrix.test', 'FOCAL_POINT', publicBody.id)).token));
    credentials.set('named recipient user', person(namedUser.token));
    credentials.set('colleague of the named user', person((await user('colleague@named.live-matrix.test', 'MEMBER', namedUsersOrg.id)).token));
    credentials.set('unrelated member', person((await user('member@unrelated.live-matrix.test', 'MEMBER', unrelated.id)).token));
    credentials.set('unrelated analyst', person((await user('analyst@unrelated.live-matrix.test', 'ANALYST', unrelated.id)).token));
    credentials.set('unrelated focal point', person((await user('focal@unrelated.live-matrix.test', 'FOCAL_POINT', unrelated.id)).token));
    // The hub operator organisation is PRIVATE, so the admin is outside the PUBLIC_SECTOR audience used here.
    credentials.set('hub admin', person(admin));
    credentials.set('admin of the source organisation', person((await user('admin@source.live-matrix.test', 'ADMIN', source.id)).token));
    const key = async (token: string, distribution: 'INTERNAL' | 'CLIENTS') => ({ apiKey: (await createApiKey(hub, token, { name: `${distribution} feed`, distribution })).key });
    credentials.set('INTERNAL key of the source', await key(submitter.token, 'INTERNAL'));
    credentials.set('CLIENTS key of the source', await key(submitter.token, 'CLIENTS'));
    credentials.set('INTERNAL key of the recipient organisation', await key(recipientUser.token, 'INTERNAL'));
    credentials.set('CLIENTS key of the recipient organisation', await key(recipientUser.token, 'CLIENTS'));
    credentials.set("named user's own key", await key(namedUser.token, 'INTERNAL'));
    credentials.set('unrelated INTERNAL key', await key((await user('keys@unrelated.live-matrix.test', 'MEMBER', unrelated.id)).token, 'INTERNAL'));
    credentials.set('unauthenticated', {});

    for (const [relation, credential] of credentials) {
      if (PEOPLE.includes(relation)) {
        const watch = await hub.graphql('mutation Watch($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }', { input: { name: 'Matrix', criteria: { labels: ['matrix'] } } }, credential.bearer);
        expect({ relation, errors: watch.errors }).toEqual({ relation, errors: undefined });
      }
      const client = await connectLive(hub.url, credential);
      clients.push(client);
      subscriptions.set(relation, await client.subscribe<Delivered>(OBJECT_ADDED));
    }

    const fullAudience = { organizationIds: [recipient.id], sharingGroupIds: [group.id], audiences: ['PUBLIC_SECTOR' as const], userIds: [namedUser.id] };
    const family = malware('Live matrix ransomware');
    await submitBundle(hub, submitter.token, bundle([family]), 'CLEAR');
    familyId = String(family.id);
    for (const [position, tlp] of TLPS.entries()) {
      const object = ipIndicator(`198.51.100.${position + 10}`, { labels: ['matrix'] });
      const audience = tlp === 'RED' ? { userIds: [namedUser.id] } : tlp === 'AMBER' || tlp === 'AMBER_STRICT' ? fullAudience : undefined;
      expect(await submitBundle(hub, submitter.token, bundle([object]), tlp, audience)).toMatchObject({ accepted: 1, rejected: 0 });
      indicators.set(tlp, String(object.id));
      // CLEAR objects that stand on the indicator: they must not reveal it.
      const seen = sighting(String(object.id));
      const uses = relationship(String(object.id), 'indicates', familyId);
      expect(await submitBundle(hub, submitter.token, bundle([seen, uses]), 'CLEAR')).toMatchObject({ accepted: 2 });
      standingOn.set(tlp, [String(seen.id), String(uses.id)]);
    }
    const summary = report('Live matrix report', TLPS.map((tlp) => indicators.get(tlp)!));
    expect(await submitBundle(hub, submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = String(summary.id);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub?.close();
  });

  const readable = (relation: Relation) => TLPS.filter((tlp) => policyAllows(relation, tlp));

  it('has a subscriber for every relation, and a watch filter for every person', () => {
    expect([...credentials.keys()].sort()).toEqual([...RELATIONS].sort());
    expect(PEOPLE).toHaveLength(12);
  });

  it.each(RELATIONS)('objectAdded: %s receives exactly what the policy allows, once, in order, and a report without unreadable references', async (relation) => {
    const subscription = subscriptions.get(relation)!;
    const expected = [familyId, ...TLPS.flatMap((tlp) => (policyAllows(relation, tlp) ? [indicators.get(tlp)!, ...standingOn.get(tlp)!] : [])), reportId];
    await subscription.waitFor(expected.length, 15_000);
    await settle(300);
    expect(subscription.errors).toEqual([]);
    expect(subscription.values.map((object) => object.id)).toEqual(expected);
    const delivered = subscription.values.find((object) => object.id === reportId)!;
    expect(delivered.stix.object_refs).toEqual(readable(relation).map((tlp) => indicators.get(tlp)));
    const unreadable = TLPS.filter((tlp) => !policyAllows(relation, tlp)).map((tlp) => indicators.get(tlp)!);
    for (const id of unreadable) expect(JSON.stringify(subscription.values)).not.toContain(id);
  });

  it.each(PEOPLE)('alerts: %s keeps an alert for exactly the indicators the policy allows', async (relation) => {
    const token = credentials.get(relation)!.bearer;
    const expected = readable(relation).map((tlp) => indicators.get(tlp)!);
    const alertsOf = async () => {
      const answer = await hub.graphql<{ alerts: { totalCount: number; edges: { node: { object: { id: string } } }[] } }>('{ alerts(first: 100) { totalCount edges { node { object { id } } } } }', {}, token);
      expect(answer.errors).toBeUndefined();
      return answer;
    };
    const deadline = Date.now() + 10_000;
    while ((await alertsOf()).data!.alerts.totalCount < expected.length && Date.now() < deadline) await settle(100);
    await settle(300);
    const answer = await alertsOf();
    expect(answer.data!.alerts.edges.map((edge) => edge.node.object.id).sort()).toEqual([...expected].sort());
    expect(answer.data!.alerts.totalCount).toBe(expected.length);
    for (const tlp of TLPS.filter((level) => !policyAllows(relation, level))) expect(answer.text).not.toContain(indicators.get(tlp));
  });
});
