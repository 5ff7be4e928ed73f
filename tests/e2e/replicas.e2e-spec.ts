import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, indicator } from '../support/stix-builders';
import { asTestHub, HubReplica, replicaEnvironment, startReplica } from '../support/hub-replicas';
import { createTestDatabase, queryDatabase, TestDatabase } from '../support/test-database';
import type { TestHub } from '../support/test-hub';
import { connectLive, LiveClient, LiveSubscription, settle } from '../support/ws-client';
import { ReceivedMail, ReceivedPost, startMailbox, startWebhookReceiver } from '../support/delivery-receivers';

/*
 * Two hub processes on one PostgreSQL database and one Redis (REDIS_URL, a prefix of this run's
 * own): what is submitted on one replica reaches the subscribers of both, exactly once each, and
 * only those who may read it; a watch filter's webhook and e-mail leave the hub once per alert, whichever
 * replica raises or sends it. Run after refreshing dist (the processes run the built server).
 */

interface Delivered {
  id: string;
  tlp: TlpName;
  source: { organizationId: string | null; identityId: string } | null;
}
const OBJECT_ADDED = 'subscription { objectAdded { id tlp source { organizationId identityId } } }';
const ALERT_RAISED = 'subscription { alertRaised { id watchFilterName object { id } } }';

describe('replicas: two hub processes sharing PostgreSQL and Redis', () => {
  let database: TestDatabase;
  let first: HubReplica;
  let second: HubReplica;
  let submitter: { id: string; token: string };
  let recipient: { id: string; token: string };
  let outsiderToken: string;
  let recipientOrg: { id: string };
  let source: { id: string; identityId: string; name: string };
  const clients: LiveClient[] = [];
  let receiver: { url: string; received: ReceivedPost[]; close(): Promise<void> };
  let mailbox: { port: number; mails: ReceivedMail[]; close(): Promise<void> };

  beforeAll(async () => {
    database = await createTestDatabase();
    // Each answer takes a moment, so that both replicas are sending at once.
    receiver = await startWebhookReceiver(100);
    mailbox = await startMailbox();
    const env = {
      ...replicaEnvironment(database.url),
      HUB_WEBHOOK_ALLOW_HTTP: 'on',
      HUB_WEBHOOK_ALLOW_PRIVATE: 'on',
      HUB_DELIVERY_RETRY_BASE_MS: '200',
      HUB_SMTP_HOST: '127.0.0.1',
      HUB_SMTP_PORT: String(mailbox.port),
      HUB_SMTP_TLS: 'off',
      HUB_SMTP_FROM: 'alerts@replica-hub.test',
      HUB_PUBLIC_URL: 'https://replica-hub.test',
    };
    // Started together: the migrations run once, under the advisory lock.
    [first, second] = await Promise.all([startReplica(env), startReplica(env)]);
    const hub: TestHub = asTestHub(first);
    const admin = await adminToken(hub);
    const org = (name: string) => createOrganization(hub, admin, { name, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'AT' });
    source = await org('Replica source');
    recipientOrg = await org('Replica recipient');
    const outsiderOrg = await org('Replica outsider');
    submitter = await createUser(hub, admin, { email: 'submitter@replica-source.test', role: 'MEMBER', organizationId: source.id });
    recipient = await createUser(hub, admin, { email: 'analyst@replica-recipient.test', role: 'ANALYST', organizationId: recipientOrg.id });
    outsiderToken = (await createUser(hub, admin, { email: 'member@replica-outsider.test', role: 'MEMBER', organizationId: outsiderOrg.id })).token;
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.drop();
    await receiver?.close();
    await mailbox?.close();
  });

  async function live(replica: HubReplica, credential: { bearer?: string; apiKey?: string } = {}): Promise<LiveClient> {
    const client = await connectLive(replica.url, credential);
    clients.push(client);
    return client;
  }

  it('applied each migration once, and both replicas answer health checks', async () => {
    for (const replica of [first, second]) expect((await fetch(`${replica.url}/health`)).status).toBe(200);
    const applied = await queryDatabase<{ name: string; times: number }>(database.url, 'SELECT name, count(*)::int AS times FROM migrations GROUP BY name');
    expect(applied.map((row) => row.name)).toEqual(expect.arrayContaining(['Alerts1764200000000', 'Sharing1763900000000']));
    expect(applied.filter((row) => row.times !== 1)).toEqual([]);
  });

  it('delivers what is submitted on one replica to the subscribers of both, exactly once, under each one’s access rules', async () => {
    const clientsKey = await createApiKey(asTestHub(second), recipient.token, { name: 'forwarder', distribution: 'CLIENTS' });
    const subscribers: Record<string, { replica: HubReplica; credential: { bearer?: string; apiKey?: string } }> = {
      'unauthenticated on the second': { replica: second, credential: {} },
      'outsider on the second': { replica: second, credential: { bearer: outsiderToken } },
      'recipient analyst on the second': { replica: second, credential: { bearer: recipient.token } },
      'recipient CLIENTS key on the second': { replica: second, credential: { apiKey: clientsKey.key } },
      'recipient analyst on the first': { replica: first, credential: { bearer: recipient.token } },
      'submitter on the first': { replica: first, credential: { bearer: submitter.token } },
    };
    const subscriptions = new Map<string, LiveSubscription<Delivered>>();
    for (const [name, { replica, credential }] of Object.entries(subscribers)) {
      subscriptions.set(name, await (await live(replica, credential)).subscribe<Delivered>(OBJECT_ADDED));
    }

    const shared = new Map<string, string>();
    const share = async (replica: HubReplica, label: string, tlp: TlpName, anonymous = false) => {
      const object = indicator(`[domain-name:value = '${label.toLowerCase().replace(/[^a-z]+/g, '-')}.replica.example']`);
      const audience = tlp === 'RED' ? { userIds: [recipient.id] } : tlp.startsWith('AMBER') ? { organizationIds: [recipientOrg.id] } : undefined;
      expect((await submitBundle(asTestHub(replica), submitter.token, bundle([object]), tlp, audience, anonymous)).accepted).toBe(1);
      shared.set(label, String(object.id));
    };
    await share(first, 'CLEAR', 'CLEAR');
    await share(first, 'GREEN', 'GREEN');
    await share(first, 'AMBER', 'AMBER');
    await share(first, 'AMBER_STRICT', 'AMBER_STRICT');
    await share(first, 'RED', 'RED');
    await share(first, 'ANONYMOUS', 'GREEN', true);
    await share(second, 'GREEN FROM THE SECOND', 'GREEN');

    const everything = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED', 'ANONYMOUS', 'GREEN FROM THE SECOND'];
    const expected: Record<string, string[]> = {
      'unauthenticated on the second': ['CLEAR'],
      'outsider on the second': ['CLEAR', 'GREEN', 'ANONYMOUS', 'GREEN FROM THE SECOND'],
      'recipient analyst on the second': everything,
      'recipient CLIENTS key on the second': ['CLEAR', 'GREEN', 'AMBER', 'ANONYMOUS', 'GREEN FROM THE SECOND'],
      'recipient analyst on the first': everything,
      'submitter on the first': everything,
    };
    for (const [name, labels] of Object.entries(expected)) await subscriptions.get(name)!.waitFor(labels.length, 15_000);
    await settle(1_500);
    for (const [name, labels] of Object.entries(expected)) {
      const subscription = subscriptions.get(name)!;
      expect({ name, errors: subscription.errors }).toEqual({ name, errors: [] });
      expect({ name, received: subscription.values.map((object) => object.id) }).toEqual({ name, received: labels.map((label) => shared.get(label)) });
    }
    const anonymous = subscriptions.get('outsider on the second')!.values.find((object) => object.id === shared.get('ANONYMOUS'))!;
    expect(anonymous.source?.organizationId ?? null).toBeNull();
    expect(JSON.stringify(anonymous)).not.toContain(source.identityId);
  });

  it('closes, on the other replica, the subscription of a key revoked on this one', async () => {
    const key = await createApiKey(asTestHub(first), recipient.token, { name: 'revoked soon', distribution: 'INTERNAL' });
    const client = await live(second, { apiKey: key.key });
    const subscription = await client.subscribe<Delivered>(OBJECT_ADDED);
    const revoked = await first.graphql('mutation Revoke($id: ID!) { revokeApiKey(id: $id) }', { id: key.id }, recipient.token);
    expect(revoked.errors).toBeUndefined();
    await submitBundle(asTestHub(first), submitter.token, bundle([indicator("[domain-name:value = 'after-revocation.replica.example']")]), 'GREEN');
    const closed = await client.closedWithin(15_000);
    expect(closed).toEqual({ code: 4403, reason: 'The API key has been revoked' });
    expect(subscription.values).toEqual([]);
  });

  it('raises one alert per match whichever replica matches it, delivers it live on the other, and keeps it while the owner is away', async () => {
    const watch = await second.graphql<{ createWatchFilter: { id: string } }>(
      'mutation Create($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }',
      { input: { name: 'Our portal', criteria: { observables: [{ type: 'domain-name', value: 'portal.replica-recipient.example' }] } } },
      recipient.token,
    );
    expect(watch.errors).toBeUndefined();
    const client = await live(second, { bearer: recipient.token });
    const alerts = await client.subscribe<{ id: string; watchFilterName: string; object: { id: string } }>(ALERT_RAISED);
    const matching = indicator("[domain-name:value = 'portal.replica-recipient.example']");
    await submitBundle(asTestHub(first), submitter.token, bundle([matching]), 'AMBER', { organizationIds: [recipientOrg.id] });
    await alerts.waitFor(1, 15_000);
    await settle(1_500);
    expect(alerts.values).toEqual([{ id: expect.any(String), watchFilterName: 'Our portal', object: { id: matching.id } }]);
    await client.close();

    // Away: shared on the first replica while nobody listens; back on the second, the alert is there.
    const whileAway = indicator("[domain-name:value = 'portal.replica-recipient.example']", { name: 'while away' });
    await submitBundle(asTestHub(first), submitter.token, bundle([whileAway]), 'GREEN');
    const deadline = Date.now() + 15_000;
    let kept: string[] = [];
    while (kept.length < 2 && Date.now() < deadline) {
      const answer = await second.graphql<{ alerts: { edges: { node: { object: { id: string } } }[] } }>('{ alerts(unreadOnly: true) { edges { node { object { id } } } } }', {}, recipient.token);
      kept = answer.data?.alerts.edges.map((edge) => edge.node.object.id) ?? [];
      if (kept.length < 2) await settle(200);
    }
    expect(kept).toEqual([whileAway.id, matching.id]);
    const rows = await queryDatabase<{ count: number }>(database.url, 'SELECT count(*)::int AS count FROM alert');
    expect(rows).toEqual([{ count: 2 }]);
  });

  it('sends each alert of a watch filter by webhook and by e-mail exactly once, retries included, with both replicas sending', async () => {
    const me = await first.graphql<{ me: { email: string } }>('{ me { email } }', {}, recipient.token);
    const created = await first.graphql<{ createWatchFilter: { id: string } }>(
      'mutation Create($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }',
      { input: { name: 'Delivered once', criteria: { labels: ['delivered-once'] }, webhookUrl: `${receiver.url}/fail-first/once`, email: me.data!.me.email } },
      recipient.token,
    );
    expect(created.errors).toBeUndefined();
    // Shared on both replicas, a few at a time: each replica matches some and hears of the others' alerts.
    const ids: string[] = [];
    for (let round = 0; round < 6; round++) {
      const objects = [0, 1].map((n) => indicator(`[domain-name:value = 'once-${round}-${n}.replica.example']`, { labels: ['delivered-once'] }));
      ids.push(...objects.map((object) => String(object.id)));
      await submitBundle(asTestHub(round % 2 ? second : first), submitter.token, bundle(objects), 'GREEN');
    }
    const delivered = () => receiver.received.filter((post) => post.path === '/fail-first/once' && post.status === 204);
    const deadline = Date.now() + 30_000;
    while ((delivered().length < ids.length || mailbox.mails.length < ids.length) && Date.now() < deadline) await settle(100);
    // Long enough for a second claim of any of them (the retry base is 200 ms, both replicas poll).
    await settle(2_000);

    const posts = receiver.received.filter((post) => post.path === '/fail-first/once');
    const objectOf = (post: ReceivedPost) => (JSON.parse(post.body) as { object: { id: string } }).object.id;
    expect(delivered().map(objectOf).sort()).toEqual([...ids].sort());
    // Each delivery: one refused attempt, then one retry that succeeded; never a second success.
    const attempts = new Map<string, number[]>();
    for (const post of posts) attempts.set(String(post.headers['x-hub-delivery']), [...(attempts.get(String(post.headers['x-hub-delivery'])) ?? []), post.status]);
    expect(attempts.size).toBe(ids.length);
    for (const statuses of attempts.values()) expect(statuses).toEqual([500, 204]);
    expect(mailbox.mails).toHaveLength(ids.length);
    expect(new Set(mailbox.mails.map((mail) => /objects\/([a-z-]+--[0-9a-f-]{36})/.exec(mail.text)?.[1])).size).toBe(ids.length);
    for (const mail of mailbox.mails) expect(mail.to).toEqual([me.data!.me.email]);
    const rows = await queryDatabase<{ channel: string; status: string; attempts: number; count: number }>(
      database.url,
      `SELECT channel, status, attempts, count(*)::int AS count FROM alert_delivery GROUP BY channel, status, attempts ORDER BY channel`,
    );
    expect(rows).toEqual([
      { channel: 'EMAIL', status: 'DELIVERED', attempts: 1, count: ids.length },
      { channel: 'WEBHOOK', status: 'DELIVERED', attempts: 2, count: ids.length },
    ]);
  });

  it('stops cleanly on SIGTERM while subscribers are connected, and the other replica carries on', async () => {
    const onSecond = await live(second);
    const onFirst = await (await live(first)).subscribe<Delivered>(OBJECT_ADDED);
    expect(await second.stop()).toBe(0);
    expect(second.output()).toContain('"msg":"stopped"');
    expect(second.output()).not.toContain('"level":50');
    expect((await onSecond.closedWithin(5_000)) !== 'still open').toBe(true);

    const afterwards = indicator("[domain-name:value = 'after-one-replica-stopped.replica.example']");
    await submitBundle(asTestHub(first), submitter.token, bundle([afterwards]), 'CLEAR');
    expect((await onFirst.waitFor(1)).map((object) => object.id)).toEqual([afterwards.id]);
  });
});
