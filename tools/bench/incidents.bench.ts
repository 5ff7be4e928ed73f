import type { Viewer } from '@hub/access';
import type { HubApp } from '@hub/hub-api';
import { INCIDENT_CORE_EXTENSION_ID, PATIENT_CARE_EXTENSION_ID } from '@hub/incident-rules';
import { ImpactQueryInput, ImpactTrendsService } from '@hub/incidents';
import pg from 'pg';
import type { BenchSuite } from './bench-suite';
import { percentile, round, timeRuns } from './stats';

const SERVER_SIDE_RUNS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Incidents added to the seeded hub (once; later runs reuse them): a tenth of the seeded objects by default. */
const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
const SEED_BATCH = 250;
/** The roll-up tables are vacuumed after this many batches, as autovacuum would (the CI server runs without it). */
const VACUUM_EVERY = 10;

interface Timing {
  p50: number;
  p99: number;
}

const timing = (samples: number[]): Timing => ({ p50: round(percentile(samples, 50)), p99: round(percentile(samples, 99)) });

/**
 * Adds the incidents in SQL, as the seed adds its objects: of every TLP level in the seed's proportions, from
 * the bench organisations, over the last year, each with the Incident Core and patient-care extensions.
 */
async function seedIncidents(databaseUrl: string, count: number): Promise<{ added: number; seconds: number }> {
  const started = Date.now();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const [{ stored }] = (await client.query(`SELECT count(*)::int AS stored FROM stix_object WHERE type = 'incident' AND stix->>'x_bench' = 'true'`)).rows;
    if (stored >= count) return { added: 0, seconds: 0 };
    // In batches, each its own transaction: the row triggers of the rollups update the same week and month
    // cells for every incident, and within one transaction each update walks the cell's chain of versions
    // that no one may prune yet, so one statement of 100,000 incidents took over 20 minutes. The restricted
    // roll-up's cells hold per-source arrays (migration 1767200000000), kilobytes a version: batches of 250
    // cost a fifth of batches of 2,000 per incident (on a loaded machine, 7 ms against 33 ms per AMBER one).
    for (let first = stored + 1, batch = 1; first <= count; first += SEED_BATCH, batch++) {
      await client.query(
        `WITH orgs AS (
           SELECT row_number() OVER (ORDER BY o.name) AS n, o.id, min(u.id::text)::uuid AS user_id
           FROM organization o JOIN hub_user u ON u.organization_id = o.id WHERE o.name LIKE 'Bench org %' GROUP BY o.id, o.name),
         org_count AS (SELECT count(*) AS total FROM orgs),
         draws AS (
           SELECT n, (hashint8(n::bigint * 53) & 2147483647) % 100 AS tlp_draw,
                  1 + (hashint8(n::bigint * 59) & 2147483647) % (SELECT total FROM org_count) AS source_n,
                  1 + (hashint8(n::bigint * 61) & 2147483647) % (SELECT total FROM org_count) AS recipient_n,
                  now() - interval '365 days' * (1 - n::float / $2) AS added,
                  md5('bench-incident-' || n)::uuid AS uuid
           FROM generate_series($1::int, $5::int) n),
         shaped AS (
           SELECT d.*, src.id AS source_id, src.user_id, rcpt.id AS recipient_id,
                  CASE WHEN tlp_draw < 20 THEN 0 WHEN tlp_draw < 60 THEN 1 WHEN tlp_draw < 85 THEN 2 WHEN tlp_draw < 95 THEN 3 ELSE 4 END AS tlp
           FROM draws d JOIN orgs src ON src.n = d.source_n JOIN orgs rcpt ON rcpt.n = d.recipient_n)
         INSERT INTO stix_object (id, type, spec_version, created, modified, tlp, readers, audience, source_org_id, submitted_by, date_added, name, stix)
         SELECT 'incident--' || uuid, 'incident', '2.1', added, added, tlp,
                CASE WHEN tlp IN (2, 3) THEN ARRAY['org:' || source_id, 'org:' || recipient_id, 'user:' || user_id] WHEN tlp = 4 THEN ARRAY['user:' || user_id] ELSE '{}' END,
                '{}'::jsonb, source_id, user_id, added, 'Incident ' || n,
                jsonb_build_object(
                  'type', 'incident', 'spec_version', '2.1', 'id', 'incident--' || uuid, 'name', 'Incident ' || n, 'x_bench', true,
                  'created', to_char(added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'modified', to_char(added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'extensions', jsonb_build_object(
                    $3::text, jsonb_build_object('extension_type', 'property-extension', 'determination', 'confirmed',
                      'incident_types', jsonb_build_array((ARRAY['ransomware', 'data-exfiltration', 'denial-of-service', 'exploit', 'compromised-system'])[1 + n % 5])),
                    $4::text, jsonb_build_object('extension_type', 'property-extension', 'disrupted_care_days', n % 6, 'ed_diversion_hours', (n % 7) * 1.5)))
         FROM shaped`,
        [first, count, INCIDENT_CORE_EXTENSION_ID, PATIENT_CARE_EXTENSION_ID, Math.min(count, first + SEED_BATCH - 1)],
      );
      if (batch % VACUUM_EVERY === 0) await client.query('VACUUM incident_open_rollup, incident_restricted_cell');
    }
    await client.query('ANALYZE stix_object');
    // What autovacuum would have done by the time anyone asks: the answers' plans read these statistics.
    await client.query('VACUUM ANALYZE incident_figure, incident_open_rollup, incident_restricted_cell');
    return { added: count - stored, seconds: round((Date.now() - started) / 1000, 1) };
  } finally {
    await client.end();
  }
}

/** The benchmark question: the last year, by week, days of disrupted care by incident type. */
function yearByWeek(scope: 'READABLE' | 'SECTOR_WIDE'): ImpactQueryInput {
  const to = new Date();
  return { from: new Date(to.getTime() - 365 * DAY_MS), to, bucket: 'WEEK', groupBy: 'INCIDENT_TYPE', scope, measure: 'DISRUPTED_CARE_DAYS' };
}

export async function benchIncidents(hub: HubApp, databaseUrl: string, viewer: Viewer): Promise<{ seeded: { added: number; seconds: number }; readable: Timing; sectorWide: Timing; buckets: number }> {
  const seeded = await seedIncidents(databaseUrl, INCIDENTS);
  const service = hub.app.get(ImpactTrendsService);
  // One warm-up each: the first statement of a connection plans from cold caches.
  await service.report(viewer, yearByWeek('READABLE'));
  await service.report(viewer, yearByWeek('SECTOR_WIDE'));
  const readable = await timeRuns(SERVER_SIDE_RUNS, () => service.report(viewer, yearByWeek('READABLE')));
  const sectorWide = await timeRuns(SERVER_SIDE_RUNS, () => service.report(viewer, yearByWeek('SECTOR_WIDE')));
  const report = await service.report(viewer, yearByWeek('READABLE'));
  return { seeded, readable: timing(readable), sectorWide: timing(sectorWide), buckets: report.buckets.length };
}

export const incidentsSuite: BenchSuite = {
  name: 'incidents',
  async run(seededHub) {
    const { hub, databaseUrl, memberViewer, objects } = await seededHub();
    const result = await benchIncidents(hub, databaseUrl, memberViewer);
    const question = `one year by week (${result.buckets} buckets), days of disrupted care by incident type`;
    return [
      `${INCIDENTS.toLocaleString('en')} incidents added to the ${objects.toLocaleString('en')} seeded objects${result.seeded.added ? ` (in ${result.seeded.seconds} s)` : ' (by an earlier run)'}.`,
      '',
      '| what | measured | target |',
      '| --- | --- | --- |',
      `| impactTrends READABLE, ${question}, server side | p50 ${result.readable.p50} ms, p99 ${result.readable.p99} ms | p99 ≤ 150 ms |`,
      `| impactTrends SECTOR_WIDE, ${question}, server side | p50 ${result.sectorWide.p50} ms, p99 ${result.sectorWide.p99} ms | p99 ≤ 150 ms |`,
    ];
  },
};
