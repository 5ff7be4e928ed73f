import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { TOKEN_LIFETIME_SECONDS, TokenService } from '@hub/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator, malware } from '../support/stix-builders';
import { queryDatabase } from '../support/test-database';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, LiveClient, LiveSubscription, settle } from '../support/ws-client';

/*
 * objectAdded over WebSocket (graphql-ws) on one hub: each subscriber receives exactly the new
 * objects the policy lets it read, once each, checked when they are delivered.
 */

interface Delivered {
  id: string;
  type: string;
  tlp: TlpName;
  source: { organizationId: string | null; name: string; identityId: string } | null;
  stix: Record<string, unknown>;
}

const OBJECT_ADDED = `subscription Added($filter: ObjectFilterInput) { objectAdded(filter: $filter) { id type tlp source { organizationId name identityId } stix } }`;

type Subscriber = 'unauthenticated' | 'outsider' | 'recipient user' | 'recipient INTERNAL key' | 'recipient CLIENTS key' | 'colleague of the submitter' | 'submitter';

describe('alerts: objectAdded subscriptions over WebSocket', () => {
  let hub: TestHub;
  let submitter: { id: string; token: string };
  let source: { id: string; identityId: string; name: string };
  let recipient: { id: string };
  let recipientUserId: string;
  let admin: string;
  const credentials = new Map<Subscriber, { bearer?: string; apiKey?: string }>();
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    source = await org('Live source hospital');
    recipient = await org('Live recipient pharma');
    const outsiderOrg = await org('Live outsider');
    submitter = await createUser(hub, admin, { email: 'live-submitter@source.test', role: 'MEMBER', organizationId: source.id });
    const colleague = await createUser(hub, admin, { email: 'live-colleague@source.test', role: 'MEMBER', organizationId: source.id });
    const recipientUser = await createUser(hub, admin, { email: 'live-recipient@recipient.test', role: 'ANALYST', organizationId: recipient.id });
    const outsider = await createUser(hub, admin, { email: 'live-outsider@outsider.test', role: 'MEMBER', organizationId: outsiderOrg.id });
    const internalKey = await createApiKey(hub, recipientUser.token, { name: 'siem', distribution: 'INTERNAL' });
    const clientsKey = await createApiKey(hub, recipientUser.token, { name: 'forwarder', distribution: 'CLIENTS' });
    credentials.set('unauthenticated', {});
    credentials.set('outsider', { bearer: outsider.token });
    credentials.set('recipient user', { bearer: recipientUser.token });
    credentials.set('recipient INTERNAL key', { apiKey: internalKey.key });
    credentials.set('recipient CLIENTS key', { bearer: clientsKey.key });
    credentials.set('colleague of the submitter', { bearer: colleague.token });
    credentials.set('submitter', { bearer: submitter.token });
    recipientUserId = recipientUser.id;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await hub.close();
  });

  async function live(credential: { bearer?: string; apiKey?: string }): Promise<LiveClient> {
    const client = await connectLive(hub.url, credential);
    clients.push(client);
    return client;
  }

  it('delivers each new object to exactly the subscribers the policy allows, once, and never reveals an anonymous source', async () => {
    const subscriptions = new Map<Subscriber, LiveSubscription<Delivered>>();
    for (const [subscriber, credential] of credentials) {
      subscriptions.set(subscriber, await (await live(credential)).subscribe<Delivered>(OBJECT_ADDED));
    }

    const shared = new Map<string, string>();
    const share = async (label: string, tlp: TlpName, anonymous = false) => {
      const object = indicator(`[domain-name:value = '${label.toLowerCase().replace(/[^a-z]+/g, '-')}.example']`, { name: label });
      const audience = tlp === 'RED' ? { userIds: [recipientUserId] } : tlp.startsWith('AMBER') ? { organizationIds: [recipient.id] } : undefined;
      const outcome = await submitBundle(hub, submitter.token, bundle([object]), tlp, audience, anonymous);
      expect(outcome.accepted).toBe(1);
      shared.set(label, String(object.id));
    };
    await share('CLEAR', 'CLEAR');
    await share('GREEN', 'GREEN');
    await share('AMBER', 'AMBER');
    await share('AMBER_STRICT', 'AMBER_STRICT');
    await share('RED', 'RED');
    await share('ANONYMOUS GREEN', 'GREEN', true);

    const expected: Record<Subscriber, string[]> = {
      unauthenticated: ['CLEAR'],
      outsider: ['CLEAR', 'GREEN', 'ANONYMOUS GREEN'],
      'recipient user': ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED', 'ANONYMOUS GREEN'],
      'recipient INTERNAL key': ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'ANONYMOUS GREEN'],
      'recipient CLIENTS key': ['CLEAR', 'GREEN', 'AMBER', 'ANONYMOUS GREEN'],
      'colleague of the submitter': ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'ANONYMOUS GREEN'],
      submitter: ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED', 'ANONYMOUS GREEN'],
    };
    for (const [subscriber, labels] of Object.entries(expected) as [Subscriber, string[]][]) {
      await subscriptions.get(subscriber)!.waitFor(labels.length);
    }
    await settle();
    for (const [subscriber, labels] of Object.entries(expected) as [Subscriber, string[]][]) {
      const subscription = subscriptions.get(subscriber)!;
      expect({ subscriber, errors: subscription.errors }).toEqual({ subscriber, errors: [] });
      expect({ subscriber, received: subscription.values.map((object) => object.id) }).toEqual({ subscriber, received: labels.map((label) => shared.get(label)) });
    }

    // The anonymous submission: others see a pseudonym, never the source organisation.
    const anonymousId = shared.get('ANONYMOUS GREEN');
    for (const subscriber of ['outsider', 'recipient user', 'recipient INTERNAL key'] as Subscriber[]) {
      const seen = subscriptions.get(subscriber)!.values.find((object) => object.id === anonymousId)!;
      expect(JSON.stringify(seen)).not.toContain(source.identityId);
      expect(JSON.stringify(seen)).not.toContain(source.name);
      expect(seen.source?.organizationId ?? null).toBeNull();
    }
    const ownView = subscriptions.get('colleague of the submitter')!.values.find((object) => object.id === anonymousId)!;
    expect(ownView.source?.organizationId).toBe(source.id);
  });

  it('applies the filter in the same query as access: types and labels', async () => {
    const client = await live(credentials.get('outsider')!);
    const malwareOnly = await client.subscribe<Delivered>(OBJECT_ADDED, { filter: { types: ['malware'], labels: ['ransomware'] } });
    const family = malware('LiveLocker', { labels: ['ransomware'] });
    const otherFamily = malware('QuietWorm', { labels: ['worm'] });
    await submitBundle(hub, submitter.token, bundle([indicator("[file:hashes.'SHA-256' = 'aa']"), family, otherFamily]), 'GREEN');
    await malwareOnly.waitFor(1);
    await settle();
    expect(malwareOnly.values.map((object) => object.id)).toEqual([family.id]);
  });

  it('refuses a bad filter with BAD_USER_INPUT and the path of the problem', async () => {
    const client = await live({});
    const bad = await client.subscribe<Delivered>(OBJECT_ADDED, { filter: { types: ['Not A Type'] } });
    await settle(300);
    expect(bad.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', errors: [expect.objectContaining({ path: 'filter.types[0]' })] }) })]);
  });

  it('refuses a connection with a credential that is not valid (4401); queries go over HTTP, subscriptions over WebSocket only', async () => {
    const refused = await connectLive(hub.url, { bearer: 'not-a-token' });
    expect((await refused.closed).code).toBe(4401);

    const overHttp = await hub.graphql('subscription { objectAdded { id } }');
    expect(overHttp.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const client = await live({});
    const query = await client.subscribe<unknown>('query { objects { totalCount } }');
    await settle(300);
    expect(query.errors).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);

    // A connection holds at most 20 subscriptions at once.
    const many = [];
    for (let index = 0; index < 21; index++) many.push(await client.subscribe<Delivered>(OBJECT_ADDED, { filter: { labels: [`label ${index}`] } }));
    expect(many.slice(0, 20).flatMap((subscription) => subscription.errors)).toEqual([]);
    expect(many[20].errors).toEqual([expect.objectContaining({ message: expect.stringContaining('At most 20 subscriptions'), extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('closes the subscription of a key revoked while it is connected, at its next delivery', async () => {
    const recipientUserToken = credentials.get('recipient user')!.bearer!;
    const key = await createApiKey(hub, recipientUserToken, { name: 'soon revoked', distribution: 'INTERNAL' });
    const client = await live({ apiKey: key.key });
    const subscription = await client.subscribe<Delivered>(OBJECT_ADDED);
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'before-revocation.example']")]), 'GREEN');
    await subscription.waitFor(1);

    const revoked = await hub.graphql('mutation Revoke($id: ID!) { revokeApiKey(id: $id) }', { id: key.id }, recipientUserToken);
    expect(revoked.errors).toBeUndefined();
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'after-revocation.example']")]), 'GREEN');
    const closed = await client.closedWithin(10_000);
    expect(closed).toEqual({ code: 4403, reason: 'The API key has been revoked' });
    expect(subscription.values).toHaveLength(1);
  });

  it('audits a key subscription once, when it connects, not at every re-check; the refusal that closes it is audited', async () => {
    const recipientUserToken = credentials.get('recipient user')!.bearer!;
    const key = await createApiKey(hub, recipientUserToken, { name: 'audited stream', distribution: 'INTERNAL' });
    const keyUses = () =>
      queryDatabase<{ outcome: string; count: number }>(
        hub.databaseUrl,
        `SELECT outcome, count(*)::int AS count FROM audit_log WHERE action = 'api_key.use' AND target_id = $1 GROUP BY outcome ORDER BY outcome`,
        [key.id],
      );
    const client = await live({ apiKey: key.key });
    const subscription = await client.subscribe<Delivered>(OBJECT_ADDED);
    for (const round of [1, 2, 3]) {
      await submitBundle(hub, submitter.token, bundle([indicator(`[domain-name:value = 'audited-${round}.example']`)]), 'GREEN');
      await subscription.waitFor(round);
    }
    expect(await keyUses()).toEqual([{ outcome: 'success', count: 1 }]);

    expect((await hub.graphql('mutation Revoke($id: ID!) { revokeApiKey(id: $id) }', { id: key.id }, recipientUserToken)).errors).toBeUndefined();
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'audited-after-revocation.example']")]), 'GREEN');
    expect(await client.closedWithin(10_000)).toEqual({ code: 4403, reason: 'The API key has been revoked' });
    expect(await keyUses()).toEqual([
      { outcome: 'denied', count: 1 },
      { outcome: 'success', count: 1 },
    ]);
  });

  it('closes the subscription of a login token that expires while it is connected', async () => {
    const org = await createOrganization(hub, admin, { name: 'Short session clinic', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const person = await createUser(hub, admin, { email: 'short-session@clinic.test', role: 'MEMBER', organizationId: org.id });
    // A token of the hub's own signing that has 4 seconds left, as if issued almost an hour ago, for
    // the person's current session (changing the first password raised its version).
    const [{ session_version: sessionVersion }] = await queryDatabase<{ session_version: number }>(hub.databaseUrl, 'SELECT session_version FROM hub_user WHERE id = $1', [person.id]);
    const { token, expiresAt } = hub.hub.app.get(TokenService).issue({ id: person.id, sessionVersion }, new Date(Date.now() - (TOKEN_LIFETIME_SECONDS - 4) * 1000));
    const client = await live({ bearer: token });
    const subscription = await client.subscribe<Delivered>(OBJECT_ADDED);
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'before-expiry.example']")]), 'GREEN');
    await subscription.waitFor(1);

    await settle(Math.max(0, expiresAt.getTime() - Date.now()) + 200);
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'after-expiry.example']")]), 'GREEN');
    expect(await client.closedWithin(10_000)).toEqual({ code: 4403, reason: 'The login token is invalid or has expired; sign in again' });
    expect(subscription.values).toHaveLength(1);
  });

  it('closes the subscription of a person deactivated while connected', async () => {
    const outsiderOrg = await createOrganization(hub, admin, { name: 'Soon gone clinic', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const person = await createUser(hub, admin, { email: 'soon-gone@clinic.test', role: 'MEMBER', organizationId: outsiderOrg.id });
    const client = await live({ bearer: person.token });
    const subscription = await client.subscribe<Delivered>(OBJECT_ADDED);
    expect((await hub.graphql('mutation Off($id: ID!) { deactivateUser(id: $id) { id } }', { id: person.id }, admin)).errors).toBeUndefined();
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'after-deactivation.example']")]), 'GREEN');
    expect(await client.closedWithin(10_000)).toEqual({ code: 4403, reason: 'Your session has ended; sign in again' });
    expect(subscription.values).toEqual([]);
  });

  it('decides access when delivering: an organisation removed from a sharing group stops hearing of its AMBER objects', async () => {
    const memberOrg = await createOrganization(hub, admin, { name: 'Grouped clinic', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const member = await createUser(hub, admin, { email: 'grouped@clinic.test', role: 'MEMBER', organizationId: memberOrg.id });
    const group = await createSharingGroup(hub, admin, { name: 'Live regional group', organizationIds: [memberOrg.id] });
    const subscription = await (await live({ bearer: member.token })).subscribe<Delivered>(OBJECT_ADDED, { filter: { tlp: ['AMBER'] } });

    const whileMember = indicator("[domain-name:value = 'while-member.example']");
    await submitBundle(hub, submitter.token, bundle([whileMember]), 'AMBER', { sharingGroupIds: [group.id] });
    await subscription.waitFor(1);
    const removed = await hub.graphql('mutation Remove($id: ID!, $ids: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $ids) { id } }', { id: group.id, ids: [memberOrg.id] }, admin);
    expect(removed.errors).toBeUndefined();
    await submitBundle(hub, submitter.token, bundle([indicator("[domain-name:value = 'after-leaving.example']")]), 'AMBER', { sharingGroupIds: [group.id] });
    await settle();
    expect(subscription.values.map((object) => object.id)).toEqual([whileMember.id]);
  });
});
