import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchSuite } from './bench-suite';
import type { FanoutArrivals, FanoutJob } from './fanout-client';
import { startHubProcess } from '@hub/hub-api';
import type { HubProcess } from '@hub/hub-api';
import { percentile, round } from './stats';
import { freshDatabase } from './fresh-database';
import { graphql } from './graphql-request';

/*
 * Fan-out latency: from the moment a member sends a submission to the moment each of 500
 * subscribers (spread over two replicas that share one database and one Redis) holds the new
 * object. The replicas run the built server; the subscribers run in a process of their own.
 *
 * The database is a fresh one, dropped afterwards: a delivery reads the new rows by primary key,
 * so its cost does not grow with the stored objects, and a fresh database keeps the replicas'
 * start-up work (trend catch-up over a million objects) out of the measurement.
 */

const SUBSCRIBERS = 500;
const REPLICAS = 2;
// Distinct people among the subscribers: each delivery round checks credentials and reads per person.
const PEOPLE = 50;
const PROBES = 40;
const PROBE_GAP_MS = 250;
const TARGET_P99_MS = 250;
const MAIN = join(import.meta.dirname, '../../apps/hub-api/src/main.js');
const CLIENT = join(import.meta.dirname, 'fanout-client.js');
const SUBMIT = 'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }';

export interface FanoutResult {
  deliveries: number;
  expected: number;
  duplicates: number;
  failures: number;
  p50: number;
  p99: number;
  max: number;
  /** The submission's own round trip (part of every latency above). */
  submitP50: number;
}

const ADMIN = { email: 'admin@fanout.bench', password: 'fan-out benchmark passphrase 2026' };
// Organisations the people belong to (several people each, as in a real hub).
const ORGANIZATIONS = 10;

async function login(url: string, email: string, password: string): Promise<string> {
  const data = await graphql<{ login: { token: string } }>(url, 'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }', { e: email, p: password });
  return data.login.token;
}

/** PEOPLE members of ORGANIZATIONS organisations, signed in; the first one submits the probes. */
async function signedInPeople(url: string): Promise<string[]> {
  const admin = await login(url, ADMIN.email, ADMIN.password);
  const organizationIds: string[] = [];
  for (let index = 0; index < ORGANIZATIONS; index++) {
    const input = { name: `Fan-out hospital ${index}`, kind: 'PRIVATE', sector: 'HEALTHCARE_PROVIDER', country: 'CZ' };
    const data = await graphql<{ createOrganization: { id: string } }>(url, 'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }', { input }, admin);
    organizationIds.push(data.createOrganization.id);
  }
  const tokens: string[] = [];
  for (let person = 0; person < PEOPLE; person++) {
    const input = { email: `member${person}@fanout.bench`, password: ADMIN.password, role: 'MEMBER', organizationId: organizationIds[person % ORGANIZATIONS] };
    await graphql(url, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', { input }, admin);
    // An admin set the first password: the person chooses their own before anything else.
    const changed = await graphql<{ changePassword: { token: string } }>(
      url,
      'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { token } }',
      { c: input.password, n: `${input.password} own` },
      await login(url, input.email, input.password),
    );
    tokens.push(changed.changePassword.token);
  }
  return tokens;
}

/**
 * Starts the subscriber process. `ready` resolves once its subscriptions are registered, `arrivals`
 * with its report; both reject if the process ends first, so the caller can stop the replicas.
 */
function startSubscribers(job: FanoutJob): { ready: Promise<void>; arrivals: Promise<FanoutArrivals> } {
  const child = spawn(process.execPath, [CLIENT, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  let markReady!: () => void;
  let report!: (arrivals: FanoutArrivals) => void;
  let fail!: (error: Error) => void;
  const arrivals = new Promise<FanoutArrivals>((resolve, reject) => ((report = resolve), (fail = reject)));
  const ready = Promise.race([new Promise<void>((resolve) => (markReady = resolve)), arrivals.then(() => undefined)]);
  lines.on('line', (line) => {
    if (line === 'ready') markReady();
    else if (line.startsWith('{')) {
      // A throw here would end the run without stopping the replicas: fail the promise instead.
      try {
        report(JSON.parse(line) as FanoutArrivals);
      } catch (error) {
        fail(error as Error);
      }
    }
  });
  child.on('exit', (code) => fail(new Error(`the subscriber process exited with ${code} before reporting`)));
  return { ready, arrivals };
}

export async function benchFanout(databaseUrl: string, redisUrl: string): Promise<FanoutResult> {
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    HUB_REDIS_PREFIX: `hub-bench-${randomBytes(4).toString('hex')}:`,
    HUB_JWT_SECRET: 'benchmark-secret-benchmark-secret-0123456789',
    HUB_ADMIN_EMAIL: ADMIN.email,
    HUB_ADMIN_PASSWORD: ADMIN.password,
    // The replicas say where they listen at info level.
    LOG_LEVEL: 'info',
    // The probes use reserved .example domains, which the default warninglists refuse.
    HUB_DEFAULT_WARNINGLISTS: 'off',
  };
  const replicas: HubProcess[] = [];
  try {
    for (let index = 0; index < REPLICAS; index++) replicas.push(await startHubProcess(MAIN, env));
    const urls = replicas.map((replica) => replica.url);
    const tokens = await signedInPeople(urls[0]);
    const label = `fanout-probe-${randomBytes(4).toString('hex')}`;
    const subscribers = startSubscribers({ urls, tokens, subscribers: SUBSCRIBERS, label, expected: PROBES, timeoutSeconds: 60 + PROBES });
    await subscribers.ready;

    // GREEN probes, so every subscriber may read every one; submitted to the replicas in turn.
    const sentAt = new Map<string, number>();
    const submitDurations: number[] = [];
    for (let probe = 0; probe < PROBES; probe++) {
      const time = new Date().toISOString();
      const id = `indicator--${randomUUID()}`;
      const pattern = `[domain-name:value = 'probe-${probe}.${label}.example']`;
      const indicator = { type: 'indicator', spec_version: '2.1', id, created: time, modified: time, name: `probe ${probe}`, pattern, pattern_type: 'stix', valid_from: time, labels: [label] };
      sentAt.set(id, performance.timeOrigin + performance.now());
      const input = { bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [indicator] }, tlp: 'GREEN' };
      await graphql(urls[probe % urls.length], SUBMIT, { input }, tokens[0]);
      submitDurations.push(performance.timeOrigin + performance.now() - sentAt.get(id)!);
      await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS));
    }
    const { arrivals, duplicates, failures } = await subscribers.arrivals;
    const latencies = [...sentAt].flatMap(([id, sent]) => (arrivals[id] ?? []).map((at) => at - sent));
    return {
      deliveries: latencies.length,
      expected: SUBSCRIBERS * PROBES,
      duplicates,
      failures,
      p50: round(percentile(latencies, 50)),
      p99: round(percentile(latencies, 99)),
      max: round(Math.max(...latencies)),
      submitP50: round(percentile(submitDurations, 50)),
    };
  } finally {
    for (const replica of replicas) await replica.stop();
  }
}

export const fanoutSuite: BenchSuite = {
  name: 'fanout',
  async run() {
    const database = await freshDatabase('hub_fanout');
    const result = await benchFanout(database.url, process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379').finally(database.drop);
    const met = (value: number) => (value < TARGET_P99_MS ? 'met' : '**not met**');
    return [
      `${SUBSCRIBERS} objectAdded subscribers (${PEOPLE} people of ${ORGANIZATIONS} organisations, each on 10 connections) spread over ${REPLICAS} hub processes sharing one (fresh) database and one Redis;`,
      `${PROBES} GREEN indicators submitted ${PROBE_GAP_MS} ms apart, alternately to each replica. Latency runs from sending the submission to the subscriber holding the object,`,
      'measured in a separate subscriber process (the submission itself is included).',
      '',
      '| measure | value | target |',
      '| --- | --- | --- |',
      `| deliveries (received / expected) | ${result.deliveries} / ${result.expected} | all |`,
      `| duplicate deliveries | ${result.duplicates} | 0 |`,
      `| subscribers cut off | ${result.failures} | 0 |`,
      `| fan-out p50 | ${result.p50} ms | |`,
      `| fan-out p99 | ${result.p99} ms | < ${TARGET_P99_MS} ms (${met(result.p99)}) |`,
      `| fan-out max | ${result.max} ms | |`,
      `| of which the submission's round trip, p50 | ${result.submitP50} ms | |`,
    ];
  },
};
