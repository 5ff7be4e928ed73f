import { createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { AccessMatrix, buildAccessMatrix, policyAllows, Relation, RELATIONS, TLPS } from '../support/access-matrix';
import { startMailbox } from '../support/delivery-receivers';
import { adminToken, createOrganization, createUser } from '../support/members';
import { submitBundle, TlpName } from '../support/sharing';
import { bundle, ipIndicator, report } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';
import { connectLive, settle } from '../support/ws-client';

/*
 * Alerts that leave the hub: watch-filter webhooks received by a real HTTP server started here, and
 * the alerts of an organisation's watch filters read through its API keys. Whatever leaves must be
 * what the reader may read: the filter's owner for a webhook, the key (never RED) for a key.
 */

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

/** A webhook receiver on loopback: /fail-twice/… answers 500 twice per path, /always-fail/… always, /slow-fail/… always after 500 ms, anything else 204. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
      const earlier = received.filter((entry) => entry.path === path).length;
      const fail = path.startsWith('/always-fail') || path.startsWith('/slow-fail') || (path.startsWith('/fail-twice') && earlier <= 2);
      setTimeout(() => response.writeHead(fail ? 500 : 204).end(), path.startsWith('/slow-fail') ? 500 : 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await settle(50);
  }
}

const CREATE_FILTER = 'mutation Watch($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id webhookUrl webhookSecret } }';
const DELIVERIES = `query Deliveries($filterId: ID!, $failedOnly: Boolean) {
  watchFilterDeliveries(filterId: $filterId, failedOnly: $failedOnly) { id alertId channel status attempts lastError nextAttemptAt deliveredAt }
}`;

interface Delivery {
  id: string;
  alertId: string;
  channel: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** Those who sign in as a person, and so may keep watch filters. */
const PEOPLE = RELATIONS.filter((relation) => !relation.includes('key') && relation !== 'unauthenticated');

// The organisation of each viewer of the access matrix (tests/support/access-matrix.ts), so that a key's expected alerts are those of its colleagues.
const ORGANISATION: Partial<Record<Relation, string>> = {
  submitter: 'source',
  'colleague of the submitter': 'source',
  'admin of the source organisation': 'source',
  'INTERNAL key of the source': 'source',
  'CLIENTS key of the source': 'source',
  'named recipient organisation': 'recipient',
  'INTERNAL key of the recipient organisation': 'recipient',
  'CLIENTS key of the recipient organisation': 'recipient',
  'member of a recipient sharing group': 'grouped',
  'CLIENTS key of a recipient sharing group member': 'grouped',
  'member of a built-in audience': 'ministry',
  'named recipient user': 'named',
  'colleague of the named user': 'named',
  "named user's own key": 'named',
  'unrelated member': 'unrelated',
  'unrelated analyst': 'unrelated',
  'unrelated focal point': 'unrelated',
  'unrelated INTERNAL key': 'unrelated',
  'hub admin': 'operator',
};
// The INTERNAL key of an organisation of the matrix, where it has one: a webhook carries what such a key reads (for the
// named recipient user that leaves out RED and the AMBER that names only the person). People of the other organisations
// read through their organisation only, so their webhooks carry all they read but RED.
const INTERNAL_KEY_OF: Record<string, Relation | undefined> = {
  source: 'INTERNAL key of the source',
  recipient: 'INTERNAL key of the recipient organisation',
  named: "named user's own key",
  unrelated: 'unrelated INTERNAL key',
};
const KEYS = RELATIONS.filter((relation) => relation.includes('key'));

describe('alerts: delivery by webhook and through API keys', () => {
  let hub: TestHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;
  const addresses = new Map<Relation, string>();
  const credentials = new Map<Relation, string | undefined>();
  const filters = new Map<Relation, { id: string; secret: string; path: string }>();
  const indicators = new Map<TlpName, { id: string; ip: string; name: string }>();
  let reportId: string;
  let matrix: AccessMatrix;

  beforeAll(async () => {
    receiver = await startReceiver();
    mailbox = await startMailbox();
    // Loopback over plain http is refused by default; the operator settings allow it here.
    hub = await startTestHub({
      HUB_WEBHOOK_ALLOW_HTTP: 'on',
      HUB_WEBHOOK_ALLOW_PRIVATE: 'on',
      HUB_DELIVERY_RETRY_BASE_MS: '200',
      HUB_DELIVERY_MAX_ATTEMPTS: '3',
      HUB_SMTP_HOST: '127.0.0.1',
      HUB_SMTP_PORT: String(mailbox.port),
      HUB_SMTP_TLS: 'off',
      HUB_SMTP_FROM: 'alerts@hub.test',
      HUB_PUBLIC_URL: 'https://hub.test/',
    });
    matrix = await buildAccessMatrix(hub);
    for (const [relation, credential] of matrix.viewers) credentials.set(relation, credential);
    for (const [index, relation] of PEOPLE.entries()) {
      const path = `/matrix/${index}`;
      const me = await hub.graphql<{ me: { email: string } }>('{ me { email } }', {}, credentials.get(relation));
      addresses.set(relation, me.data!.me.email);
      const created = await hub.graphql<{ createWatchFilter: { id: string; webhookUrl: string; webhookSecret: string } }>(
        CREATE_FILTER,
        { input: { name: 'Matrix', criteria: { labels: ['matrix'] }, webhookUrl: `${receiver.url}${path}`, email: me.data!.me.email.toUpperCase() } },
        credentials.get(relation),
      );
      expect({ relation, errors: created.errors }).toEqual({ relation, errors: undefined });
      filters.set(relation, { id: created.data!.createWatchFilter.id, secret: created.data!.createWatchFilter.webhookSecret, path });
    }
    for (const [position, tlp] of TLPS.entries()) {
      const ip = `198.51.100.${position + 40}`;
      const name = `Webhook matrix ${tlp} codename-${position}`;
      const object = ipIndicator(ip, { labels: ['matrix'], name });
      expect(await submitBundle(hub, matrix.submitter.token, bundle([object]), tlp, matrix.audienceFor(tlp))).toMatchObject({ accepted: 1 });
      indicators.set(tlp, { id: String(object.id), ip, name });
    }
    const summary = report('Webhook matrix report', TLPS.map((tlp) => indicators.get(tlp)!.id), { labels: ['matrix'] });
    expect(await submitBundle(hub, matrix.submitter.token, bundle([summary]), 'CLEAR')).toMatchObject({ accepted: 1 });
    reportId = String(summary.id);
  }, 120_000);

  afterAll(async () => {
    await hub?.close();
    await receiver?.close();
    await mailbox?.close();
  });

  const readable = (relation: Relation) => TLPS.filter((tlp) => policyAllows(relation, tlp));

  it('lets an owner create a webhook filter and shows its secret only once', async () => {
    const token = credentials.get('submitter');
    const listed = await hub.graphql<{ watchFilters: { id: string; webhookUrl: string | null; webhookSecret: string | null }[] }>('{ watchFilters { id webhookUrl webhookSecret } }', {}, token);
    expect(listed.data!.watchFilters).toEqual([{ id: filters.get('submitter')!.id, webhookUrl: `${receiver.url}${filters.get('submitter')!.path}`, webhookSecret: null }]);
    expect(filters.get('submitter')!.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  // A webhook is machine delivery: its content is what an INTERNAL key of the owner's organisation may read, so never RED;
  // an owner who may read a RED object gets a notice without its id or content (docs/alerts.md).
  it.each(PEOPLE)('webhook of %s: signed bodies of exactly what the owner\'s INTERNAL key may read, a bare notice for RED, nothing of the rest', async (relation) => {
    const { path, secret, id } = filters.get(relation)!;
    const orgKey = INTERNAL_KEY_OF[ORGANISATION[relation]!];
    const machineReadable = readable(relation).filter((tlp) => tlp !== 'RED' && (orgKey === undefined || policyAllows(orgKey, tlp)));
    const expected = [...machineReadable.map((tlp) => indicators.get(tlp)!.id), reportId];
    const notices = readable(relation)
      .filter((tlp) => !machineReadable.includes(tlp))
      .map((tlp) => ({ event: 'alert', filter: 'Matrix', tlp, link: 'https://hub.test/alerts' }));
    const bodies = () => receiver.received.filter((entry) => entry.path === path);
    await until(() => bodies().length >= expected.length + notices.length);
    await settle(300);
    const parsed = bodies().map((entry) => JSON.parse(entry.body) as { object?: { id: string } });
    expect(parsed.flatMap((body) => (body.object ? [body.object.id] : [])).sort()).toEqual([...expected].sort());
    expect(parsed.filter((body) => !body.object).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual(
      notices.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
    for (const entry of bodies()) {
      const timestamp = String(entry.headers['x-hub-timestamp']);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(120);
      expect(entry.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${entry.body}`).digest('hex')}`);
    }
    for (const body of parsed.filter((entry) => entry.object)) expect(body).toMatchObject({ alert: { watchFilterId: id, watchFilterName: 'Matrix' } });
    const all = bodies().map((entry) => entry.body).join('\n');
    for (const tlp of TLPS.filter((level) => !machineReadable.includes(level))) {
      const hidden = indicators.get(tlp)!;
      for (const trace of [hidden.id, hidden.ip, hidden.name]) expect({ relation, tlp, leaked: all.includes(trace) }).toEqual({ relation, tlp, leaked: false });
    }
    const report = bodies().find((entry) => entry.body.includes(reportId))!;
    expect((JSON.parse(report.body) as { object: { stix: { object_refs: string[] } } }).object.stix.object_refs).toEqual(machineReadable.map((tlp) => indicators.get(tlp)!.id));
    const deliveries = await hub.graphql<{ watchFilterDeliveries: Delivery[] }>(DELIVERIES, { filterId: id }, credentials.get(relation));
    expect(deliveries.data!.watchFilterDeliveries.filter((delivery) => delivery.channel === 'WEBHOOK').map((delivery) => [delivery.status, delivery.attempts])).toEqual(
      [...expected, ...notices].map(() => ['DELIVERED', 1]),
    );
  });

  it.each(PEOPLE)('e-mail of %s: a summary per alert to the owner only, naming CLEAR and GREEN objects, nothing of AMBER or RED ones', async (relation) => {
    const address = addresses.get(relation)!;
    const expected = readable(relation);
    const mails = () => mailbox.mails.filter((mail) => mail.to.includes(address));
    await until(() => mails().length >= expected.length + 1);
    await settle(300);
    expect(mails()).toHaveLength(expected.length + 1);
    for (const mail of mails()) {
      expect(mail.to).toEqual([address]);
      expect(mail.text).toContain('Subject: Hub alert: Matrix');
      expect(mail.text).toMatch(/From: alerts@hub\.test/);
    }
    const all = mails().map((mail) => mail.text).join('\n');
    for (const tlp of TLPS) {
      const object = indicators.get(tlp)!;
      if (!policyAllows(relation, tlp)) {
        for (const trace of [object.id, object.ip, object.name]) expect(all).not.toContain(trace);
      } else if (tlp === 'CLEAR' || tlp === 'GREEN') {
        expect(all).toContain(`A new indicator "${object.name}" (TLP:${tlp}) matched your watch filter "Matrix".`);
        expect(all).toContain(`https://hub.test/objects/${object.id}`);
      } else {
        // Only the marking and the link: never the name, the value, nor even the type in words.
        expect(all).toContain(`A new TLP:${tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : tlp} object matched your watch filter "Matrix". Sign in to the hub to read it.`);
        expect(all).toContain(`https://hub.test/objects/${object.id}`);
        for (const trace of [object.ip, object.name]) expect(all).not.toContain(trace);
      }
    }
  });

  it('e-mails only to the owner\'s own sign-in address', async () => {
    const answer = await hub.graphql(CREATE_FILTER, { input: { name: 'Elsewhere', criteria: { labels: ['x'] }, email: 'someone@elsewhere.example' } }, credentials.get('unrelated member'));
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.email', message: 'must be your own sign-in e-mail address' }] });
  });

  it.each(KEYS)('alerts through the %s: its colleagues\' alerts, only what the key itself may read (never RED)', async (relation) => {
    const colleagues = PEOPLE.filter((person) => ORGANISATION[person] === ORGANISATION[relation]);
    const expected = colleagues.flatMap((person) => [...TLPS.filter((tlp) => policyAllows(person, tlp) && policyAllows(relation, tlp)).map((tlp) => indicators.get(tlp)!.id), reportId]).sort();
    const answer = await hub.graphql<{ alerts: { totalCount: number; edges: { node: { id: string; object: { id: string; stix: { object_refs?: string[] } } } }[] } }>(
      '{ alerts(first: 100) { totalCount edges { node { id object { id stix } } } } }',
      {},
      credentials.get(relation),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.alerts.edges.map((edge) => edge.node.object.id).sort()).toEqual(expected);
    expect(answer.data!.alerts.totalCount).toBe(expected.length);
    expect(answer.text).not.toContain(indicators.get('RED')!.id);
    for (const tlp of TLPS.filter((level) => !policyAllows(relation, level))) {
      for (const trace of [indicators.get(tlp)!.id, indicators.get(tlp)!.ip, indicators.get(tlp)!.name]) expect(answer.text).not.toContain(trace);
    }
  });

  it('lets a key mark its colleagues\' alerts read, but not one it may not read (the count tells nothing of it)', async () => {
    const submitterAlerts = await hub.graphql<{ alerts: { edges: { node: { id: string; readAt: string | null; object: { id: string } } }[] } }>(
      '{ alerts(first: 100) { edges { node { id readAt object { id } } } } }',
      {},
      credentials.get('submitter'),
    );
    const byObject = new Map(submitterAlerts.data!.alerts.edges.map((edge) => [edge.node.object.id, edge.node.id]));
    const red = byObject.get(indicators.get('RED')!.id)!;
    const green = byObject.get(indicators.get('GREEN')!.id)!;
    const key = credentials.get('INTERNAL key of the source');
    const marked = await hub.graphql<{ markAlertsRead: number }>('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: [red, green] }, key);
    expect(marked.errors).toBeUndefined();
    expect(marked.data!.markAlertsRead).toBe(1);
    const after = await hub.graphql<{ alerts: { edges: { node: { id: string; readAt: string | null } }[] } }>('{ alerts(first: 100) { edges { node { id readAt } } } }', {}, credentials.get('submitter'));
    const readAt = new Map(after.data!.alerts.edges.map((edge) => [edge.node.id, edge.node.readAt]));
    expect(readAt.get(green)).not.toBeNull();
    expect(readAt.get(red)).toBeNull();
    // A key of another organisation changes nothing either.
    const other = await hub.graphql<{ markAlertsRead: number }>('mutation Mark($ids: [ID!]!) { markAlertsRead(ids: $ids) }', { ids: [byObject.get(indicators.get('CLEAR')!.id)!] }, credentials.get('unrelated INTERNAL key'));
    expect(other.data!.markAlertsRead).toBe(0);
  });

  it('retries a failing receiver with growing waits and lists the attempts; gives up after the last attempt and lists the failure', async () => {
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Retry hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const owner = await createUser(hub, admin, { email: 'retry@retry.test', role: 'MEMBER', organizationId: org.id });
    const flaky = await hub.graphql<{ createWatchFilter: { id: string } }>(CREATE_FILTER, { input: { name: 'Flaky', criteria: { labels: ['retry-flaky'] }, webhookUrl: `${receiver.url}/fail-twice/1`, webhookSecret: 's'.repeat(40) } }, owner.token);
    const broken = await hub.graphql<{ createWatchFilter: { id: string } }>(CREATE_FILTER, { input: { name: 'Broken', criteria: { labels: ['retry-broken'] }, webhookUrl: `${receiver.url}/always-fail/1` } }, owner.token);
    expect([flaky.errors, broken.errors]).toEqual([undefined, undefined]);
    await submitBundle(hub, owner.token, bundle([ipIndicator('203.0.113.7', { labels: ['retry-flaky', 'retry-broken'] })]), 'GREEN');

    const sent = (path: string) => receiver.received.filter((entry) => entry.path === path);
    await until(() => sent('/fail-twice/1').length >= 3 && sent('/always-fail/1').length >= 3);
    await settle(1_000);
    expect(sent('/fail-twice/1')).toHaveLength(3);
    expect(sent('/always-fail/1')).toHaveLength(3);
    const [first, second, third] = sent('/fail-twice/1');
    // Waits of about 200 ms and then 400 ms (±25 %): the second is longer than the first could be.
    expect(second.at - first.at).toBeGreaterThanOrEqual(140);
    expect(third.at - second.at).toBeGreaterThan(250);
    expect(new Set(sent('/fail-twice/1').map((entry) => entry.headers['x-hub-delivery'])).size).toBe(1);
    expect(third.headers['x-hub-signature-256']).toBe(`sha256=${createHmac('sha256', 's'.repeat(40)).update(`${String(third.headers['x-hub-timestamp'])}.${third.body}`).digest('hex')}`);

    const flakyDeliveries = await hub.graphql<{ watchFilterDeliveries: Delivery[] }>(DELIVERIES, { filterId: flaky.data!.createWatchFilter.id }, owner.token);
    expect(flakyDeliveries.data!.watchFilterDeliveries).toMatchObject([{ status: 'DELIVERED', attempts: 3, nextAttemptAt: null }]);
    const failures = await hub.graphql<{ watchFilterDeliveries: Delivery[] }>(DELIVERIES, { filterId: broken.data!.createWatchFilter.id, failedOnly: true }, owner.token);
    expect(failures.data!.watchFilterDeliveries).toMatchObject([{ status: 'FAILED', attempts: 3, lastError: 'the receiver answered HTTP 500', deliveredAt: null, nextAttemptAt: null }]);
    // Nobody else learns of them.
    const stranger = await hub.graphql(DELIVERIES, { filterId: broken.data!.createWatchFilter.id }, credentials.get('unrelated member'));
    expect(stranger.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const key = await hub.graphql(DELIVERIES, { filterId: broken.data!.createWatchFilter.id }, credentials.get('INTERNAL key of the source'));
    expect(key.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('sends nothing once the owner may no longer read the alert', async () => {
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Leaving hospital', kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    const owner = await createUser(hub, admin, { email: 'leaving@leaving.test', role: 'MEMBER', organizationId: org.id });
    const filter = await hub.graphql<{ createWatchFilter: { id: string } }>(CREATE_FILTER, { input: { name: 'Leaving', criteria: { labels: ['leaving'] }, webhookUrl: `${receiver.url}/slow-fail/leaving` } }, owner.token);
    await submitBundle(hub, owner.token, bundle([ipIndicator('203.0.113.9', { labels: ['leaving'], name: 'leaving-codename' })]), 'GREEN');
    await until(() => receiver.received.some((entry) => entry.path === '/slow-fail/leaving'));
    // Deactivated while the first attempt waits for its (failing) answer: the retries must not send it.
    expect((await hub.graphql('mutation Off($id: ID!) { deactivateUser(id: $id) { id } }', { id: owner.id }, admin)).errors).toBeUndefined();
    await settle(2_000);
    expect(receiver.received.filter((entry) => entry.path === '/slow-fail/leaving')).toHaveLength(1);
    const [{ count }] = await rows<{ count: number }>(`SELECT count(*)::int AS count FROM alert_delivery WHERE watch_filter_id = '${filter.data!.createWatchFilter.id}' AND status = 'WITHHELD'`);
    expect(count).toBe(1);
  }, 30_000);

  it.each([
    ['ftp://siem.example/hook', 'must be an http:// or https:// URL'],
    ['https://user:pw@siem.example/hook', 'must not carry a user name or password (the HMAC signature authenticates the hub)'],
    ['not a url', 'must be an absolute URL like https://siem.example/hooks/hub'],
  ])('refuses the webhook URL %s with BAD_USER_INPUT', async (webhookUrl, message) => {
    const answer = await hub.graphql(CREATE_FILTER, { input: { name: `Bad ${webhookUrl}`, criteria: { labels: ['x'] }, webhookUrl } }, credentials.get('unrelated member'));
    expect(answer.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'input.webhookUrl', message }] });
  });

  it('renews a signed-in person\'s token without the password; a key cannot', async () => {
    const token = credentials.get('unrelated analyst');
    const renewed = await hub.graphql<{ renewToken: { token: string; expiresAt: string; user: { email: string } } }>('mutation { renewToken { token expiresAt user { email } } }', {}, token);
    expect(renewed.errors).toBeUndefined();
    expect(renewed.data!.renewToken.user.email).toBe('analyst@unrelated.test');
    const me = await hub.graphql<{ me: { email: string } }>('{ me { email } }', {}, renewed.data!.renewToken.token);
    expect(me.data!.me.email).toBe('analyst@unrelated.test');
    const byKey = await hub.graphql('mutation { renewToken { token } }', {}, credentials.get('unrelated INTERNAL key'));
    expect(byKey.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const anonymous = await hub.graphql('mutation { renewToken { token } }', {});
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  async function rows<T>(sql: string): Promise<T[]> {
    const { Client } = await import('pg');
    const client = new Client({ connectionString: hub.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  it('delivers alertRaised to a key live: its colleagues\' new alerts it may read, never RED', async () => {
    const client = await connectLive(hub.url, { apiKey: credentials.get('INTERNAL key of the source') });
    try {
      const raised = await client.subscribe<{ object: { id: string; tlp: string } }>('subscription { alertRaised { id watchFilterName object { id tlp } } }');
      const red = ipIndicator('198.51.100.90', { labels: ['matrix'], name: 'live red codename' });
      const green = ipIndicator('198.51.100.91', { labels: ['matrix'], name: 'live green codename' });
      await submitBundle(hub, matrix.submitter.token, bundle([red]), 'RED', matrix.audienceFor('RED'));
      await submitBundle(hub, matrix.submitter.token, bundle([green]), 'GREEN');
      // One GREEN alert for each of the three people of the source organisation with a filter.
      await raised.waitFor(3, 15_000);
      await settle(500);
      expect(raised.errors).toEqual([]);
      expect(raised.values.map((alert) => alert.object.id)).toEqual([green.id, green.id, green.id]);
      expect(JSON.stringify(raised.values)).not.toContain(String(red.id));
    } finally {
      await client.close();
    }
  });
});
