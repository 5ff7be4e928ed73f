import type { Viewer } from '@hub/access';
import type { HubApp } from '@hub/hub-api';
import { TrendCatchUpService, TrendQueryInput, TrendsService } from '@hub/trends';
import pg from 'pg';
import type { BenchSuite } from './bench-suite';
import { percentile, round, timeRuns } from './stats';

const SERVER_SIDE_RUNS = 200;
const END_TO_END_RUNS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Empties the trend tables and queues every stored row again, as the migration does on an existing
 * hub: the next catch-up is the one-off build of the rollups. Only trend tables are touched.
 */
const RESET_TREND_TABLES = [
  `TRUNCATE trend_pending, trend_batch, trend_object, trend_retraction, trend_open_daily, trend_family_link,
            trend_profile, trend_profile_part, trend_profile_cell, trend_profile_source, trend_profile_live, trend_profile_row, trend_changed`,
  `INSERT INTO trend_pending (object_pk) SELECT pk FROM stix_object`,
];

interface Timing {
  p50: number;
  p99: number;
}

export interface TrendsBenchResult {
  rebuild: { rows: number; seconds: number };
  firstQuestion: { readableMs: number; sectorWideMs: number };
  serverSide: { readable: Timing; sectorWide: Timing };
  endToEnd: { readable: Timing; sectorWide: Timing };
  buckets: number;
}

const timing = (samples: number[]): Timing => ({ p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) });

/** The benchmark question: the last year, by week, grouped by indicator type. */
function yearByWeek(scope: 'READABLE' | 'SECTOR_WIDE'): TrendQueryInput {
  const to = new Date();
  return { from: new Date(to.getTime() - 365 * DAY_MS), to, bucket: 'WEEK', groupBy: 'INDICATOR_TYPE', scope };
}

async function resetTrendTables(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(RESET_TREND_TABLES[0]);
    const inserted = await client.query(RESET_TREND_TABLES[1]);
    await client.query('COMMIT');
    return inserted.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

async function overGraphql(hub: HubApp, token: string, scope: 'READABLE' | 'SECTOR_WIDE'): Promise<void> {
  const question = yearByWeek(scope);
  const query = `{ trends(input: { from: "${question.from.toISOString()}", to: "${question.to.toISOString()}", bucket: WEEK, groupBy: INDICATOR_TYPE, scope: ${scope} }) {
    k buckets { start complete total { count suppressed } groups { key count suppressed } } total { count suppressed } } }`;
  const response = await fetch(`${hub.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`trends over GraphQL failed: ${JSON.stringify(body).slice(0, 500)}`);
}

/**
 * The one-off build (catch-up of every stored row, then the viewer's access-profile parts), then
 * one year by week by indicator type for one member, READABLE and SECTOR_WIDE, in the server and
 * over GraphQL (one client, requests back to back).
 */
export async function benchTrends(hub: HubApp, databaseUrl: string, viewer: Viewer, token: string): Promise<TrendsBenchResult> {
  const trends = hub.app.get(TrendsService);
  const catchUp = hub.app.get(TrendCatchUpService);

  const rows = await resetTrendTables(databaseUrl);
  const started = Date.now();
  await catchUp.catchUp();
  const rebuild = { rows, seconds: round((Date.now() - started) / 1000, 1) };

  // The first question of an access profile builds its day part and judges its readable verdicts; the
  // first sector-wide one its week part and its hidden verdicts.
  const [readableMs] = await timeRuns(1, () => trends.report(viewer, yearByWeek('READABLE')));
  const [sectorWideMs] = await timeRuns(1, () => trends.report(viewer, yearByWeek('SECTOR_WIDE')));

  const readable = await timeRuns(SERVER_SIDE_RUNS, () => trends.report(viewer, yearByWeek('READABLE')));
  const sectorWide = await timeRuns(SERVER_SIDE_RUNS, () => trends.report(viewer, yearByWeek('SECTOR_WIDE')));
  const readableOverHttp = await timeRuns(END_TO_END_RUNS, () => overGraphql(hub, token, 'READABLE'));
  const sectorWideOverHttp = await timeRuns(END_TO_END_RUNS, () => overGraphql(hub, token, 'SECTOR_WIDE'));
  const report = await trends.report(viewer, yearByWeek('READABLE'));

  return {
    rebuild,
    firstQuestion: { readableMs: round(readableMs), sectorWideMs: round(sectorWideMs) },
    serverSide: { readable: timing(readable), sectorWide: timing(sectorWide) },
    endToEnd: { readable: timing(readableOverHttp), sectorWide: timing(sectorWideOverHttp) },
    buckets: report.buckets.length,
  };
}

export const trendsSuite: BenchSuite = {
  name: 'trends',
  async run(seededHub) {
    const { hub, databaseUrl, memberViewer, memberToken } = await seededHub();
    const result = await benchTrends(hub, databaseUrl, memberViewer, memberToken);
    const question = `one year by week (${result.buckets} buckets) by indicator type`;
    return [
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| one-off build: catch-up of every stored row into the trend tables | ${result.rebuild.rows.toLocaleString('en')} rows in ${result.rebuild.seconds} s | |`,
      `| first question of an access profile, READABLE (builds its day × indicator-type part, judges its readable verdicts) | ${result.firstQuestion.readableMs} ms | |`,
      `| next question of that profile, SECTOR_WIDE (builds its week × indicator-type part, judges its hidden verdicts) | ${result.firstQuestion.sectorWideMs} ms | |`,
      `| trends READABLE, ${question}, server side | p50 ${result.serverSide.readable.p50} ms, p99 ${result.serverSide.readable.p99} ms | p99 < 150 ms |`,
      `| trends SECTOR_WIDE, ${question}, server side | p50 ${result.serverSide.sectorWide.p50} ms, p99 ${result.serverSide.sectorWide.p99} ms | p99 < 150 ms |`,
      `| trends READABLE, end to end over GraphQL, 1 client | p50 ${result.endToEnd.readable.p50} ms, p99 ${result.endToEnd.readable.p99} ms | |`,
      `| trends SECTOR_WIDE, end to end over GraphQL, 1 client | p50 ${result.endToEnd.sectorWide.p50} ms, p99 ${result.endToEnd.sectorWide.p99} ms | |`,
    ];
  },
};
