import { randomUUID } from 'node:crypto';
import type { Viewer } from '@hub/access';
import type { HubApp } from '@hub/hub-api';
import { AnswerCache, FeedService } from '@hub/sharing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchSuite } from './bench-suite';
import { timeRuns, percentile, round, LoadResult } from './stats';
import { removeLabelledObjects } from './seed';

/** A load run, and how many of its answers came from the answer cache. */
type CountedLoad = LoadResult & { fromCache: number };

export interface SharingBenchResult {
  feedServerSide: { p50: number; p99: number };
  lookupServerSide: { p50: number; p99: number };
  feedEndToEnd: CountedLoad;
  feedWhileWriting: CountedLoad & { writes: number };
  feedNoRepeats: CountedLoad;
  lookupEndToEnd: CountedLoad;
  ingest: { objects: number; seconds: number; perSecond: number }[];
}

const FEED_QUERY = `{ objects(first: 100) { edges { cursor node { id type tlp modified stix } } pageInfo { hasNextPage endCursor } } }`;
const LOOKUP_QUERY = `query ($ip: String!) { lookupObservable(type: "ipv4-addr", value: $ip) { indicators { id tlp stix } sightings { id } sightingCount } }`;

function ipOf(n: number): string {
  return `10.${(n >> 16) % 256}.${(n >> 8) % 256}.${n % 256}`;
}

/** The clients run in a child process: in the hub's own process they would steal its event loop. */
async function loadFromAnotherProcess(job: Record<string, unknown>): Promise<LoadResult> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(import.meta.dirname, 'load-client.js'), JSON.stringify(job)], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as LoadResult;
}

// Every object the ingest runs submit carries this label, so that they can be found and removed.
const INGEST_LABEL = 'bench-ingest';
const INGEST_ROUNDS = 5;

/** Feed pages and observable look-ups for one member, in the server and over HTTP; then ingest. */
export async function benchSharing(hub: HubApp, databaseUrl: string, viewer: Viewer, token: string, objects: number): Promise<SharingBenchResult> {
  await removeLabelledObjects(databaseUrl, INGEST_LABEL);
  const feed = hub.app.get(FeedService);
  await timeRuns(20, () => feed.page(viewer, {}, 100));
  const feedSamples = await timeRuns(300, () => feed.page(viewer, {}, 100));
  const lookupSamples = await timeRuns(300, (run) => feed.lookUp(viewer, { type: 'ipv4-addr', value: ipOf(1 + ((run * 7919) % objects)) }, true));

  const cache = hub.app.get(AnswerCache);
  const counted = async (job: Record<string, unknown>): Promise<CountedLoad> => {
    const hitsBefore = cache.counts.hits;
    const result = await loadFromAnotherProcess({ url: hub.url, token, clients: 32, seconds: 15, ...job });
    return { ...result, fromCache: cache.counts.hits - hitsBefore };
  };
  // A poller's case: the same page again and again while nothing changes.
  const feedEndToEnd = await counted({ query: FEED_QUERY });
  // The same, while a member shares a new indicator every 100 ms: each one changes the first page.
  const writer = writeEvery(hub.url, token, 100);
  const feedWhileWriting = { ...(await counted({ query: FEED_QUERY })), writes: await writer.stop() };
  // No two requests alike: every answer is built anew (what the answer cache costs when it cannot help).
  const feedNoRepeats = await counted({ query: FEED_QUERY, unique: true });
  const lookupEndToEnd = await counted({ query: LOOKUP_QUERY, lookupRange: objects });
  await removeLabelledObjects(databaseUrl, INGEST_LABEL);

  const ingest = [];
  // Several bundles: one of about a second is at the mercy of whatever else the machine does meanwhile.
  for (let round_ = 0; round_ < INGEST_ROUNDS; round_ += 1) {
    const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: Array.from({ length: 10_000 }, (_, index) => ingestIndicator(round_, index)) };
    const started = Date.now();
    const response = await fetch(`${hub.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted rejected } }', variables: { input: { bundle, tlp: 'GREEN' } } }),
    });
    const seconds = (Date.now() - started) / 1000;
    const body = (await response.json()) as { data?: { submitBundle: { accepted: number } }; errors?: unknown };
    if (!body.data || body.data.submitBundle.accepted !== 10_000) throw new Error(`ingest failed: ${JSON.stringify(body).slice(0, 500)}`);
    ingest.push({ objects: 10_000, seconds: round(seconds), perSecond: round(10_000 / seconds, 0) });
  }
  await removeLabelledObjects(databaseUrl, INGEST_LABEL);

  return {
    feedServerSide: { p50: round(percentile(feedSamples, 50)), p99: round(percentile(feedSamples, 99)) },
    lookupServerSide: { p50: round(percentile(lookupSamples, 50)), p99: round(percentile(lookupSamples, 99)) },
    feedEndToEnd,
    feedWhileWriting,
    feedNoRepeats,
    lookupEndToEnd,
    ingest,
  };
}

/** Submits one GREEN indicator every `intervalMs` until stopped; resolves with how many were stored. */
function writeEvery(url: string, token: string, intervalMs: number): { stop(): Promise<number> } {
  let stored = 0;
  let running = true;
  const loop = (async () => {
    for (let index = 0; running; index += 1) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }', variables: { input: { bundle: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [ingestIndicator(9, index)] }, tlp: 'GREEN' } } }),
      });
      const body = (await response.json()) as { data?: { submitBundle: { accepted: number } } };
      stored += body.data?.submitBundle.accepted ?? 0;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return stored;
    },
  };
}

function load(result: CountedLoad, unit: string): string {
  // Counts, not a rounded share: a few answers built among thousands served would round to 100 %.
  const cached = `${result.fromCache.toLocaleString('en')} of ${result.requests.toLocaleString('en')} answers from the answer cache`;
  return `${result.perSecond.toLocaleString('en')} ${unit}/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors} errors; ${cached}`;
}

function ingestIndicator(round_: number, index: number): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: now,
    modified: now,
    name: `Ingest ${round_}-${index}`,
    pattern: `[ipv4-addr:value = '172.${16 + round_}.${index >> 8}.${index % 256}'] OR [domain-name:value = 'c2-${round_}-${index}.example']`,
    pattern_type: 'stix',
    valid_from: now,
    indicator_types: ['malicious-activity'],
    labels: [INGEST_LABEL],
  };
}

export const sharingSuite: BenchSuite = {
  name: 'sharing',
  async run(seededHub) {
    const { hub, databaseUrl, memberViewer, memberToken, objects } = await seededHub();
    const sharing = await benchSharing(hub, databaseUrl, memberViewer, memberToken, objects);
    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| feed page of 100, server side | p50 ${sharing.feedServerSide.p50} ms, p99 ${sharing.feedServerSide.p99} ms | p99 < 25 ms |`,
      `| lookupObservable (IPv4), server side | p50 ${sharing.lookupServerSide.p50} ms, p99 ${sharing.lookupServerSide.p99} ms | p99 < 5 ms |`,
      `| feed page of 100, end to end, 32 clients, the same page again and again | ${load(sharing.feedEndToEnd, 'pages')} | ≥ 1,500 pages/s |`,
      `| the same, while a new indicator is shared every 100 ms (${sharing.feedWhileWriting.writes} shared) | ${load(sharing.feedWhileWriting, 'pages')} | |`,
      `| feed page of 100, end to end, 32 clients, no two requests alike | ${load(sharing.feedNoRepeats, 'pages')} | |`,
      `| lookupObservable, end to end, 32 clients, a different address each time | ${load(sharing.lookupEndToEnd, 'look-ups')} | |`,
      ...sharing.ingest.map(
        (ingest, index) => `| submitBundle of 10,000 indicators (run ${index + 1}) | ${ingest.perSecond.toLocaleString('en')} objects/s (${ingest.seconds} s) | |`,
      ),
      `| submitBundle of 10,000 indicators, median of the ${sharing.ingest.length} runs | ${percentile(sharing.ingest.map((ingest) => ingest.perSecond), 50).toLocaleString('en')} objects/s | ≥ 10,000 objects/s |`,
    ];
  },
};
