import { benchWarninglists } from '@hub/intel-rules-bench';
import type { BenchSuite } from './bench-suite';
import { percentile, round, timeRuns } from './stats';

const LOOKUPS = 300;

// What an analyst's look-up asks for: each indicator with its score, its warninglist hits and the
// readable objects that share its observable ("also in"), with their count.
const LOOKUP_WITH_INTEL = `query ($ip: String!) { lookupObservable(type: "ipv4-addr", value: $ip) {
  indicators { id tlp score warninglistHits { list action value } correlated(first: 10) { totalCount edges { node { id type } } } }
  sightings { id } sightingCount } }`;

function ipOf(n: number): string {
  return `10.${(n >> 16) % 256}.${(n >> 8) % 256}.${n % 256}`;
}

/**
 * Look-ups of a different address each time (the answer cache never helps), one after the other from
 * one client: each figure is the whole request, HTTP and GraphQL included, so the server-side time is
 * at most this.
 */
async function lookUps(url: string, token: string, objects: number): Promise<{ p50: number; p99: number; withIndicators: number }> {
  let withIndicators = 0;
  const ask = async (run: number) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: LOOKUP_WITH_INTEL, variables: { ip: ipOf(1 + ((run * 7919 + 104_729) % objects)) } }),
    });
    const body = (await response.json()) as { data?: { lookupObservable: { indicators: unknown[] } }; errors?: unknown };
    if (!body.data) throw new Error(`look-up failed: ${JSON.stringify(body).slice(0, 500)}`);
    if (body.data.lookupObservable.indicators.length) withIndicators += 1;
  };
  await timeRuns(20, (run) => ask(LOOKUPS + run));
  const samples = await timeRuns(LOOKUPS, ask);
  return { p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)), withIndicators };
}

export const intelSuite: BenchSuite = {
  name: 'intel',
  async run(seededHub) {
    const [check, compile] = await benchWarninglists({ valueCount: 100_000, listScale: 1 });
    const { hub, memberToken, objects } = await seededHub();
    const lookup = await lookUps(hub.url, memberToken, objects);
    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| ${check.name} | ${check.perSecond.toLocaleString('en')} /s (${check.details}) | ≥ 100,000 values/s |`,
      `| ${compile.name} | ${compile.perSecond.toLocaleString('en')} entries/s (${compile.details}) | |`,
      `| look-up with scores, warninglist hits and correlations ("also in", first 10 and their count), a different IPv4 address each time, whole request from one client | p50 ${lookup.p50} ms, p99 ${lookup.p99} ms over ${LOOKUPS} look-ups (${lookup.withIndicators} found indicators) | p99 ≤ 10 ms server side |`,
    ];
  },
};
