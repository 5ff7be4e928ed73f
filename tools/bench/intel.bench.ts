import { randomUUID } from 'node:crypto';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { GraphQLModule } from '@nestjs/graphql';
import type { HubApp } from '@hub/hub-api';
import { benchWarninglists } from '@hub/intel-rules-bench';
import type { BenchSuite } from './bench-suite';
import { graphql } from './graphql-request';
import { percentile, round, timeRuns } from './stats';
import { removeLabelledObjects } from './seed';

const LOOKUPS = 300;
const WARM_UP = 20;
/** Over HTTP too, fewer: the whole request, for comparison with the server-side figure. */
const HTTP_LOOKUPS = 100;
/** Every object this suite shares carries this label, so that it can be found and removed. */
const INTEL_LABEL = 'bench-intel';

// What an analyst's look-up asks for: the value's own warninglist hits, and each indicator with its
// score, its warninglist hits and the readable objects that share an observable with it ("also
// in"), with their count.
const LOOKUP_WITH_INTEL = `query ($ip: String!) { lookupObservable(type: "ipv4-addr", value: $ip) {
  warninglistHits { list action value }
  indicators { id tlp score warninglistHits { list action value } correlated(first: 10) { totalCount edges { node { id type } } } }
  sightings { id } sightingCount } }`;

interface LookUpAnswer {
  lookupObservable: { indicators: { correlated: { totalCount: number } }[] };
}

function ipOf(n: number): string {
  return `10.${(n >> 16) % 256}.${(n >> 8) % 256}.${n % 256}`;
}

/** The address of look-up `run`: a different one each time (the answer cache never helps). */
function addressOf(run: number, objects: number): string {
  return ipOf(1 + ((run * 7919 + 104_729) % objects));
}

/**
 * What the looked-up addresses share, beyond the seeded set (where every address is in one
 * indicator at most, so nothing would correlate): for every third look-up 3 more indicators of the
 * address; for the next third a /24 block around it; for one in fifty more indicators of the
 * address than the correlation limit (20), so that the value over-correlates. GREEN and CLEAR, by
 * the bench member, through submitBundle like any member's.
 */
async function shareCorrelations(url: string, token: string, objects: number): Promise<number> {
  const green: Record<string, unknown>[] = [];
  const clear: Record<string, unknown>[] = [];
  for (let run = 0; run < WARM_UP + LOOKUPS; run += 1) {
    const address = addressOf(run, objects);
    if (run % 50 === 2) green.push(...Array.from({ length: 21 }, () => indicatorOf(address)));
    else if (run % 3 === 0) green.push(...Array.from({ length: 3 }, () => indicatorOf(address)));
    else if (run % 3 === 1) clear.push(indicatorOf(`${address.split('.').slice(0, 3).join('.')}.0/24`));
  }
  const share = async (objects_: Record<string, unknown>[], tlp: string) => {
    const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects: objects_ };
    const data = await graphql<{ submitBundle: { accepted: number } }>(
      url,
      'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { accepted } }',
      { input: { bundle, tlp } },
      token,
    );
    if (data.submitBundle.accepted !== objects_.length) throw new Error(`sharing the correlated objects: ${data.submitBundle.accepted} of ${objects_.length} accepted`);
  };
  await share(green, 'GREEN');
  await share(clear, 'CLEAR');
  return green.length + clear.length;
}

function indicatorOf(value: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const type = value.includes(':') ? 'ipv6-addr' : 'ipv4-addr';
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: now,
    modified: now,
    name: `Bench correlation ${value}`,
    pattern: `[${type}:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: now,
    labels: [INTEL_LABEL],
  };
}

/** The hub's Apollo server: the same schema, guards, resolvers, loaders and plugins as POST /graphql. */
function apolloOf(hub: HubApp): ApolloServer<BaseContext> {
  return (hub.app.get(GraphQLModule).graphQlAdapter as unknown as { instance: ApolloServer<BaseContext> }).instance;
}

interface Timing {
  p50: number;
  p99: number;
}

function timing(samples: number[]): Timing {
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) };
}

/**
 * Server side: the look-up executed in the hub's process by its Apollo server, as POST /graphql
 * runs it (the bearer token checked by the guard, every resolver, the read audit), without HTTP
 * and JSON. Each request is a new context, so nothing is reused from one look-up to the next.
 */
async function lookUpsInProcess(hub: HubApp, token: string, objects: number): Promise<Timing & { withIndicators: number; correlated: number; cpuMs: number }> {
  const apollo = apolloOf(hub);
  let withIndicators = 0;
  let correlated = 0;
  const ask = async (run: number) => {
    const req = { headers: { authorization: `Bearer ${token}` }, ip: '127.0.0.1', socket: { remoteAddress: '127.0.0.1' } };
    const response = await apollo.executeOperation({ query: LOOKUP_WITH_INTEL, variables: { ip: addressOf(run, objects) } }, { contextValue: { req } });
    const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
    if (!result?.data || result.errors?.length) throw new Error(`look-up failed: ${JSON.stringify(result?.errors ?? response.body).slice(0, 500)}`);
    const { indicators } = (result.data as unknown as LookUpAnswer).lookupObservable;
    if (indicators.length) withIndicators += 1;
    if (indicators.some((indicator) => indicator.correlated.totalCount > 0)) correlated += 1;
  };
  await timeRuns(WARM_UP, (run) => ask(LOOKUPS + run));
  withIndicators = 0;
  correlated = 0;
  // CPU time of this process (the hub's side of each look-up, PostgreSQL's not included): what a
  // loaded machine does not inflate, unlike the wall-clock percentiles.
  const cpuBefore = process.cpuUsage();
  const samples = await timeRuns(LOOKUPS, ask);
  const cpu = process.cpuUsage(cpuBefore);
  return { ...timing(samples), withIndicators, correlated, cpuMs: round((cpu.user + cpu.system) / 1000 / LOOKUPS) };
}

/** The same look-ups over HTTP from one client, one after the other: the whole request. */
async function lookUpsOverHttp(url: string, token: string, objects: number): Promise<Timing> {
  const ask = (run: number) => graphql<LookUpAnswer>(url, LOOKUP_WITH_INTEL, { ip: addressOf(run, objects) }, token);
  await timeRuns(5, (run) => ask(LOOKUPS + run));
  return timing(await timeRuns(HTTP_LOOKUPS, ask));
}

export const intelSuite: BenchSuite = {
  name: 'intel',
  async run(seededHub) {
    const [check, compile] = await benchWarninglists({ valueCount: 100_000, listScale: 1 });
    const { hub, databaseUrl, memberToken, objects } = await seededHub();
    await removeLabelledObjects(databaseUrl, INTEL_LABEL);
    try {
      const shared = await shareCorrelations(hub.url, memberToken, objects);
      const inProcess = await lookUpsInProcess(hub, memberToken, objects);
      const overHttp = await lookUpsOverHttp(hub.url, memberToken, objects);
      const what = 'look-up with scores, warninglist hits and correlations ("also in", first 10 and their count), a different IPv4 address each time';
      return [
        '| what | measured | target |',
        '| --- | --- | --- |',
        `| ${check.name} | ${check.perSecond.toLocaleString('en')} /s (${check.details}) | ≥ 100,000 values/s |`,
        `| ${compile.name} | ${compile.perSecond.toLocaleString('en')} entries/s (${compile.details}) | |`,
        `| ${what}, server side (the GraphQL operation run by the hub's Apollo server in its process: guard, resolvers, SQL, read audit; no HTTP) | p50 ${inProcess.p50} ms, p99 ${inProcess.p99} ms over ${LOOKUPS} look-ups (${inProcess.withIndicators} found indicators, ${inProcess.correlated} with correlated objects); ${inProcess.cpuMs} ms of the hub process's CPU per look-up | p99 ≤ 10 ms server side |`,
        `| the same, whole request over HTTP from one client | p50 ${overHttp.p50} ms, p99 ${overHttp.p99} ms over ${HTTP_LOOKUPS} look-ups | |`,
        '',
        `Before measuring, the suite shares ${shared.toLocaleString('en')} indicators (GREEN and CLEAR, labelled \`${INTEL_LABEL}\`, removed afterwards) so that looked-up addresses correlate: every third has 3 more indicators of the address, the next third a /24 block around it, one in fifty more than the correlation limit (it over-correlates). In the seeded set alone every address is in one indicator at most.`,
      ];
    } finally {
      await removeLabelledObjects(databaseUrl, INTEL_LABEL);
    }
  },
};
