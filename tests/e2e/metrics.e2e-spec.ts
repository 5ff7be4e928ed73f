import { adminToken, createApiKey, createOrganization, createUser } from '../support/members';
import { submitBundle } from '../support/sharing';
import { bundle, indicator } from '../support/stix-builders';
import { startTestHub, TestHub } from '../support/test-hub';

/*
 * GET /metrics serves the Prometheus text format to a scraper holding HUB_METRICS_TOKEN, and to
 * nobody else; without HUB_METRICS=on it does not exist.
 */

const TOKEN = 'metrics-token-for-the-e2e-tests-0123456789';

async function scrape(hub: TestHub, authorization?: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${hub.url}/metrics`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series in a scrape (undefined when absent). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics is off by default', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('answers 404 and tells nothing, whatever the credential', async () => {
    for (const authorization of [undefined, `Bearer ${TOKEN}`]) {
      const answer = await scrape(hub, authorization);
      expect(answer.status).toBe(404);
      expect(answer.text).not.toMatch(/hub_/);
    }
  });
});

describe('/metrics with HUB_METRICS=on', () => {
  let hub: TestHub;
  let member: string;

  beforeAll(async () => {
    hub = await startTestHub({ HUB_METRICS: 'on', HUB_METRICS_TOKEN: TOKEN });
    const admin = await adminToken(hub);
    const org = await createOrganization(hub, admin, { name: 'Metrics Hospital', kind: 'PUBLIC', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' });
    member = (await createUser(hub, admin, { email: 'member@metrics.test', role: 'MEMBER', organizationId: org.id })).token;
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('refuses a scraper without the token, with a wrong one, and with a member credential', async () => {
    const key = (await createApiKey(hub, member, { name: 'not-for-metrics', distribution: 'INTERNAL' })).key;
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${member}`, `Bearer ${key}`, TOKEN]) {
      const answer = await scrape(hub, authorization);
      expect(answer.status).toBe(401);
      expect(answer.text).not.toMatch(/hub_/);
    }
  });

  it('counts requests by operation and outcome, their latency, stored objects, alerts, answer-cache hits and the pool', async () => {
    const before = (await scrape(hub, `Bearer ${TOKEN}`)).text;
    const alertsBefore = sample(before, 'hub_alerts_delivered_total') ?? 0;

    await hub.graphql(
      'mutation ($input: CreateWatchFilterInput!) { createWatchFilter(input: $input) { id } }',
      { input: { name: 'all indicators', criteria: { types: ['indicator'] } } },
      member,
    );
    await submitBundle(hub, member, bundle([indicator("[domain-name:value = 'metrics.example']"), indicator("[domain-name:value = 'metrics2.example']")]), 'GREEN');
    // Alerts are matched just after the submission's commit: wait for them to be counted.
    for (let tries = 0; tries < 100 && (sample((await scrape(hub, `Bearer ${TOKEN}`)).text, 'hub_alerts_delivered_total') ?? 0) < alertsBefore + 2; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const feed = '{ objects(first: 5) { edges { node { id } } } }';
    for (let i = 0; i < 3; i++) expect((await hub.graphql(feed, {}, member)).errors).toBeUndefined();
    expect((await hub.graphql('{ objects(first: 501) { edges { node { id } } } }', {}, member)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const answer = await scrape(hub, `Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = answer.text;
    expect(text).toMatch(/^# HELP hub_requests_total .+\n# TYPE hub_requests_total counter$/m);
    expect(sample(text, 'hub_requests_total{operation="query objects",outcome="ok"}')).toBe(3);
    expect(sample(text, 'hub_requests_total{operation="query objects",outcome="bad_user_input"}')).toBe(1);
    expect(sample(text, 'hub_requests_total{operation="GET /metrics",outcome="ok"}')).toBeUndefined();
    expect(sample(text, 'hub_request_duration_seconds_count{operation="query objects"}')).toBe(4);
    expect(sample(text, 'hub_request_duration_seconds_bucket{operation="query objects",le="+Inf"}')).toBe(4);
    expect(sample(text, 'hub_stored_object_versions')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'hub_alerts_delivered_total')).toBe(alertsBefore + 2);
    // The first read built the answer; the two after it were served from the answer cache.
    expect(sample(text, 'hub_answer_cache_hits_total')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'hub_database_pool_connections{state="max"}')).toBe(20);
    expect(sample(text, 'hub_database_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    // Every line is a comment or a sample: "name{labels} value".
    for (const line of text.trimEnd().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-z_:]+(\{[^}]*\})? -?[0-9.e+-]+|[a-z_:]+(\{[^}]*\})? \+Inf)$/);
  });
});
