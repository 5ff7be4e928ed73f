import pg from 'pg';
import { adminToken, createApiKey, createOrganization, createSharingGroup, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator, ipIndicator, malware, relationship } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, settle } from '../support/ws-client';

/*
 * Saved watch filters and the alerts they keep: matching is decided in SQL under the owner's
 * access rules when the alert is made, and again whenever the alerts are read.
 */

interface AlertNode {
  id: string;
  watchFilterName: string;
  readAt: string | null;
  object: { id: string; type: string; tlp: string };
}
interface AlertsAnswer {
  alerts: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: AlertNode }[] };
}

const CREATE_WATCH = `mutation Create($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id name criteria { types tlp labels indicatorTypes observables { type value } malwareFamilies } } }`;
const ALERTS = `query Alerts($unreadOnly: Boolean, $first: Int, $after: String) {
  alerts(unreadOnly: $unreadOnly, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id watchFilterName readAt object { id type tlp } } } }
}`;

describe('alerts: watch filters and the alerts they keep', () => {
  let hub: TestHub;
  let admin: string;
  let submitter: { id: string; token: string };
  let recipient: { id: string; token: string };
  let outsider: { id: string; token: string };
  let recipientOrgId: string;
  let outsiderOrgId: string;
  let sourceOrg: { id: string; identityId: string; name: string };

  beforeAll(async () => {
    hub = await startTestHub();
    admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'DE' });
    sourceOrg = await org('Watch source');
    const recipientOrg = await org('Watch recipient hospital');
    const outsiderOrg = await org('Watch outsider clinic');
    recipientOrgId = recipientOrg.id;
    outsiderOrgId = outsiderOrg.id;
    submitter = await createUser(hub, admin, { email: 'watch-submitter@source.test', role: 'MEMBER', organizationId: sourceOrg.id });
    recipient = await createUser(hub, admin, { email: 'watch-recipient@recipient.test', role: 'ANALYST', organizationId: recipientOrg.id });
    outsider = await createUser(hub, admin, { email: 'watch-outsider@outsider.test', role: 'MEMBER', organizationId: outsiderOrg.id });
  });

  afterAll(async () => {
    await hub.close();
  });

  const createWatch = (token: string, name: string, criteria: Record<string, unknown>) => hub.graphql<{ createWatchFilter: { id: string } }>(CREATE_WATCH, { input: { name, criteria } }, token);
  const alertsOf = async (token: string, variables: Record<string, unknown> = {}) => {
    const response = await hub.graphql<AlertsAnswer>(ALERTS, variables, token);
    if (response.errors) throw new Error(response.text);
    return response.data!.alerts;
  };
  /** Polls until the person has at least `count` alerts (matching runs just after the submission), then lets anything extra arrive. */
  const alertsOnceMatched = async (token: string, count: number) => {
    const deadline = Date.now() + 10_000;
    while ((await alertsOf(token)).totalCount < count && Date.now() < deadline) await settle(100);
    await settle(500);
    return alertsOf(token, { first: 100 });
  };
  /** Waits until the matcher has taken every queued version. */
  const queueDrained = async () => {
    const client = new pg.Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      const deadline = Date.now() + 10_000;
      while ((await client.query<{ n: number }>('SELECT count(*)::int AS n FROM alert_pending')).rows[0].n && Date.now() < deadline) await settle(50);
    } finally {
      await client.end();
    }
  };
  const summary = (alerts: AlertsAnswer['alerts']) => alerts.edges.map(({ node }) => `${node.watchFilterName}: ${node.object.id}`).sort();

  describe('validation and ownership', () => {
    it('refuses criteria that are empty or not valid, listing every problem with its path', async () => {
      const empty = await createWatch(recipient.token, 'nothing', {});
      expect(empty.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.criteria', message: expect.stringContaining('at least one') }] });

      const bad = await createWatch(recipient.token, 'bad', { types: ['Not A Type'], observables: [{ type: 'ipv4-addr', value: '10.0.0.0/99' }], labels: [' '] });
      expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.errors?.[0].extensions?.errors?.map((issue) => issue.path).sort()).toEqual(['input.criteria.labels[0]', 'input.criteria.observables[0]', 'input.criteria.types[0]']);

      // Text PostgreSQL cannot store is the caller's mistake, not a 500 (refused with the request body's paths).
      const unstorable = await createWatch(recipient.token, 'nul', { labels: ['a\u0000b'], malwareFamilies: ['\ud800'] });
      expect(unstorable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(unstorable.errors?.[0].extensions?.errors?.map((issue) => issue.path).sort()).toEqual(['variables.input.criteria.labels[0]', 'variables.input.criteria.malwareFamilies[0]']);
      const nulName = await createWatch(recipient.token, 'a\u0000b', { labels: ['x'] });
      expect(nulName.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'variables.input.name', message: expect.any(String) }] });

      const unnamed = await createWatch(recipient.token, '  ', { labels: ['x'] });
      expect(unnamed.errors?.[0].extensions?.errors).toEqual([{ path: 'input.name', message: expect.any(String) }]);
      expect((await hub.graphql<{ watchFilters: unknown[] }>('{ watchFilters { id } }', {}, recipient.token)).data?.watchFilters).toEqual([]);
    });

    it('keeps names unique per person, and lets only the owner list and delete a filter', async () => {
      const created = await createWatch(recipient.token, 'Temporary', { labels: ['Phishing'] });
      expect(created.errors).toBeUndefined();
      const duplicate = await createWatch(recipient.token, 'temporary', { labels: ['other'] });
      expect(duplicate.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.name', message: expect.any(String) }] });
      // Another person may use the same name.
      expect((await createWatch(outsider.token, 'Temporary', { labels: ['Phishing'] })).errors).toBeUndefined();

      const id = created.data!.createWatchFilter.id;
      const deleteWatch = (token: string, watchId: string) => hub.graphql<{ deleteWatchFilter: boolean }>('mutation Delete($id: ID!) { deleteWatchFilter(id: $id) }', { id: watchId }, token);
      expect((await deleteWatch(outsider.token, id)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await deleteWatch(recipient.token, 'not-a-uuid')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await deleteWatch(recipient.token, id)).data?.deleteWatchFilter).toBe(true);
      const outsiderFilters = await hub.graphql<{ watchFilters: { id: string; name: string }[] }>('{ watchFilters { id name } }', {}, outsider.token);
      expect(outsiderFilters.data?.watchFilters.map((filter) => filter.name)).toEqual(['Temporary']);
      expect((await deleteWatch(outsider.token, outsiderFilters.data!.watchFilters[0].id)).data?.deleteWatchFilter).toBe(true);
    });

    it('is kept by signed-in people: API keys may not create one (they read their organisation\'s alerts, see alerts-delivery), nor may the public', async () => {
      const key = await createApiKey(hub, recipient.token, { name: 'script', distribution: 'INTERNAL' });
      expect((await createWatch(key.key, 'by key', { labels: ['x'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await hub.graphql(ALERTS, {}, key.key)).errors).toBeUndefined();
      expect((await hub.graphql(ALERTS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await createWatch('', 'public', { labels: ['x'] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('matching under the owner’s access rules', () => {
    const expectedFor = { recipient: [] as string[], outsider: [] as string[] };

    beforeAll(async () => {
      for (const person of [recipient, outsider]) {
        const network = await createWatch(person.token, 'Our network', {
          observables: [
            { type: 'domain-name', value: 'Portal.Hospital-B.example' },
            { type: 'ipv4-addr', value: '10.20.0.0/16' },
          ],
        });
        expect(network.data?.createWatchFilter).toMatchObject({ criteria: { observables: [{ type: 'domain-name', value: 'portal.hospital-b.example' }, { type: 'ipv4-addr', value: '10.20.0.0/16' }] } });
        expect((await createWatch(person.token, 'Ransomware', { labels: ['RANSOMWARE'], types: ['indicator'] })).errors).toBeUndefined();
        expect((await createWatch(person.token, 'LockBit', { malwareFamilies: ['lockbit'] })).errors).toBeUndefined();
      }

      // AMBER for the recipient's organisation: an address inside the watched network.
      const amberInRange = ipIndicator('10.20.3.4');
      await submitBundle(hub, submitter.token, bundle([amberInRange]), 'AMBER', { organizationIds: [recipientOrgId] });
      expectedFor.recipient.push(`Our network: ${amberInRange.id}`);

      // GREEN: the watched domain, labelled ransomware: two filters match, for both people.
      const greenDomain = indicator("[domain-name:value = 'portal.hospital-b.example']", { labels: ['ransomware'] });
      // GREEN, out of range and unlabelled: nobody.
      const greenElsewhere = ipIndicator('10.99.0.1');
      // GREEN, a whole network around the watched one: a watched range hears of a wider one.
      const greenWiderNetwork = indicator("[ipv4-addr:value = '10.0.0.0/8']");
      await submitBundle(hub, submitter.token, bundle([greenDomain, greenElsewhere, greenWiderNetwork]), 'GREEN');
      for (const person of ['recipient', 'outsider'] as const) {
        expectedFor[person].push(`Our network: ${greenDomain.id}`, `Ransomware: ${greenDomain.id}`, `Our network: ${greenWiderNetwork.id}`);
      }

      // RED for the recipient in person: only the recipient.
      const red = ipIndicator('10.20.9.9');
      await submitBundle(hub, submitter.token, bundle([red]), 'RED', { userIds: [recipient.id] });
      expectedFor.recipient.push(`Our network: ${red.id}`);

      // GREEN LockBit family (by alias), an indicator that indicates it, and the relationship: both people.
      const lockbit = malware('LockBit 3.0', { aliases: ['LockBit'] });
      const lockbitIndicator = indicator("[file:hashes.'SHA-256' = '1111111111111111111111111111111111111111111111111111111111111111']");
      const indicates = relationship(String(lockbitIndicator.id), 'indicates', String(lockbit.id));
      await submitBundle(hub, submitter.token, bundle([lockbit, lockbitIndicator, indicates]), 'GREEN');
      for (const person of ['recipient', 'outsider'] as const) {
        expectedFor[person].push(`LockBit: ${lockbit.id}`, `LockBit: ${lockbitIndicator.id}`, `LockBit: ${indicates.id}`);
      }

      // An AMBER LockBit sample for the recipient, and a GREEN indicator linked to it by an AMBER
      // relationship: the outsider must not learn of the link, so the indicator alerts the recipient only.
      const amberFamily = malware('LockBit Black', { aliases: ['LockBit'] });
      const hiddenLinkIndicator = indicator("[file:hashes.'SHA-256' = '2222222222222222222222222222222222222222222222222222222222222222']");
      await submitBundle(hub, submitter.token, bundle([amberFamily]), 'AMBER', { organizationIds: [recipientOrgId] });
      const hiddenLink = relationship(String(hiddenLinkIndicator.id), 'indicates', String(amberFamily.id));
      await submitBundle(hub, submitter.token, bundle([hiddenLink]), 'AMBER', { organizationIds: [recipientOrgId] });
      // The relationship is matched before the indicator it stands on exists (readable to nobody then):
      // storing the indicator must queue it again, whenever the matcher ran.
      await queueDrained();
      await submitBundle(hub, submitter.token, bundle([hiddenLinkIndicator]), 'GREEN');
      expectedFor.recipient.push(`LockBit: ${amberFamily.id}`, `LockBit: ${hiddenLink.id}`, `LockBit: ${hiddenLinkIndicator.id}`);
    });

    it('keeps an alert for each match its owner may read, and none for what they may not', async () => {
      const recipientAlerts = await alertsOnceMatched(recipient.token, expectedFor.recipient.length);
      const outsiderAlerts = await alertsOnceMatched(outsider.token, expectedFor.outsider.length);
      expect(summary(recipientAlerts)).toEqual([...expectedFor.recipient].sort());
      expect(summary(outsiderAlerts)).toEqual([...expectedFor.outsider].sort());
    });

    it('pages newest first, counts, and marks read', async () => {
      const all = await alertsOf(recipient.token, { first: 100 });
      const firstPage = await alertsOf(recipient.token, { first: 2 });
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      const secondPage = await alertsOf(recipient.token, { first: 2, after: firstPage.pageInfo.endCursor });
      expect([...firstPage.edges, ...secondPage.edges].map((edge) => edge.node.id)).toEqual(all.edges.slice(0, 4).map((edge) => edge.node.id));
      expect(all.edges.map((edge) => Number(edge.node.id))).toEqual([...all.edges.map((edge) => Number(edge.node.id))].sort((a, b) => b - a));

      const toMark = firstPage.edges.map((edge) => edge.node.id);
      const marked = await hub.graphql<{ markAlertsRead: number }>('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: toMark }, recipient.token);
      expect(marked.data?.markAlertsRead).toBe(2);
      // Marking again, or marking someone else's alerts, changes nothing.
      expect((await hub.graphql<{ markAlertsRead: number }>('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: toMark }, recipient.token)).data?.markAlertsRead).toBe(0);
      const othersAlert = (await alertsOf(outsider.token, { unreadOnly: true, first: 1 })).edges[0].node.id;
      expect((await hub.graphql<{ markAlertsRead: number }>('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: [othersAlert] }, recipient.token)).data?.markAlertsRead).toBe(0);
      expect((await alertsOf(outsider.token, { unreadOnly: true })).totalCount).toBe(expectedFor.outsider.length);

      const unread = await alertsOf(recipient.token, { unreadOnly: true, first: 100 });
      expect(unread.totalCount).toBe(all.totalCount - 2);
      expect(unread.edges.map((edge) => edge.node.id)).not.toEqual(expect.arrayContaining([toMark[0]]));
      const bad = await hub.graphql('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: ['abc'] }, recipient.token);
      expect(bad.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', errors: [{ path: 'ids[0]', message: expect.any(String) }] });
      expect((await hub.graphql(ALERTS, { first: 0 }, recipient.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect((await hub.graphql(ALERTS, { after: 'x' }, recipient.token)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  it('re-checks access when alerts are read: an organisation that leaves a sharing group loses those alerts', async () => {
    const watcher = await createUser(hub, admin, { email: 'group-watcher@outsider.test', role: 'MEMBER', organizationId: outsiderOrgId });
    expect((await createWatch(watcher.token, 'Group range', { observables: [{ type: 'ipv4-addr', value: '172.16.0.0/12' }] })).errors).toBeUndefined();
    const group = await createSharingGroup(hub, admin, { name: 'Regional hospitals', organizationIds: [outsiderOrgId] });
    const shared = ipIndicator('172.16.5.5');
    await submitBundle(hub, submitter.token, bundle([shared]), 'AMBER', { sharingGroupIds: [group.id] });
    expect(summary(await alertsOnceMatched(watcher.token, 1))).toEqual([`Group range: ${shared.id}`]);

    const removed = await hub.graphql('mutation Remove($id: ID!, $ids: [ID!]!) { removeSharingGroupMembers(id: $id, organizationIds: $ids) { id } }', { id: group.id, ids: [outsiderOrgId] }, admin);
    expect(removed.errors).toBeUndefined();
    expect(await alertsOf(watcher.token)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
  });

  it('never reveals the source of an anonymous submission in an alert, live or listed', async () => {
    const watcher = await createUser(hub, admin, { email: 'anonymous-watcher@outsider.test', role: 'MEMBER', organizationId: outsiderOrgId });
    expect((await createWatch(watcher.token, 'Anonymous tip', { observables: [{ type: 'domain-name', value: 'anonymous-tip.example' }] })).errors).toBeUndefined();
    const OBJECT_FIELDS = 'object { id source { organizationId name identityId } stix }';
    const client = await connectLive(hub.url, { bearer: watcher.token });
    try {
      const live = await client.subscribe<{ object: { id: string; source: { organizationId: string | null } | null } }>(`subscription { alertRaised { id ${OBJECT_FIELDS} } }`);
      const tip = indicator("[domain-name:value = 'anonymous-tip.example']");
      expect((await submitBundle(hub, submitter.token, bundle([tip]), 'GREEN', undefined, true)).accepted).toBe(1);
      await live.waitFor(1);
      const listed = await hub.graphql<{ alerts: { edges: { node: { object: unknown } }[] } }>(`{ alerts { edges { node { ${OBJECT_FIELDS} } } } }`, {}, watcher.token);
      expect(listed.data?.alerts.edges).toHaveLength(1);
      for (const seen of [live.values[0], listed.data!.alerts.edges[0].node]) {
        expect(seen).toMatchObject({ object: { id: tip.id } });
        for (const revealing of [sourceOrg.id, sourceOrg.identityId, sourceOrg.name]) expect(JSON.stringify(seen)).not.toContain(revealing);
      }
    } finally {
      await client.close();
    }
  });

  it('delivers new alerts live (alertRaised) to their owner only, and keeps those raised while the owner was away', async () => {
    const watcher = await createUser(hub, admin, { email: 'live-watcher@recipient.test', role: 'MEMBER', organizationId: recipientOrgId });
    expect((await createWatch(watcher.token, 'Pharmacy', { observables: [{ type: 'domain-name', value: 'pharmacy.recipient.example' }] })).errors).toBeUndefined();
    const ALERT_RAISED = 'subscription { alertRaised { id watchFilterName object { id tlp } } }';

    const ownerClient = await connectLive(hub.url, { bearer: watcher.token });
    const otherClient = await connectLive(hub.url, { bearer: outsider.token });
    const publicClient = await connectLive(hub.url);
    try {
      const live = await ownerClient.subscribe<AlertNode>(ALERT_RAISED);
      const others = await otherClient.subscribe<AlertNode>(ALERT_RAISED);
      const anonymous = await publicClient.subscribe<AlertNode>(ALERT_RAISED);
      const first = indicator("[domain-name:value = 'pharmacy.recipient.example']");
      await submitBundle(hub, submitter.token, bundle([first]), 'GREEN');
      await live.waitFor(1);
      await settle();
      expect(live.values).toEqual([{ id: expect.any(String), watchFilterName: 'Pharmacy', object: { id: first.id, tlp: 'GREEN' } }]);
      expect(others.values).toEqual([]);
      expect(anonymous.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })]);
    } finally {
      await Promise.all([ownerClient.close(), otherClient.close(), publicClient.close()]);
    }

    // Away: nothing is connected while this is shared; the alert waits in the database.
    const whileAway = indicator("[domain-name:value = 'pharmacy.recipient.example']", { name: 'shared while away' });
    await submitBundle(hub, submitter.token, bundle([whileAway]), 'AMBER', { organizationIds: [recipientOrgId] });
    const back = await alertsOnceMatched(watcher.token, 2);
    expect(back.edges.map((edge) => edge.node.object.id)).toEqual([whileAway.id, expect.any(String)]);
    expect(back.edges.every((edge) => edge.node.readAt === null)).toBe(true);
  });
});

