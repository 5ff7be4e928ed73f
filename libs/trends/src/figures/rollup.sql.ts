import { readableCondition } from '@hub/access';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { TrendQuery } from '../trend-query';
import { DIMENSIONS, TOTAL_KEY } from './dimensions';
import { MAIN_REGION, rowByRowContributions } from './row-by-row.sql';
import { bucketOfDay, dayRange, rollupDimSelection } from './trend-sql';
import { partGrainFor } from '../profiles/profile-part.sql';

/**
 * The precomputed parts of an answer, one row per (part, bucket, key):
 * - 'open': static CLEAR and GREEN objects (a = count), filtered by the viewer's readable condition
 *   like any row (for a member it holds for both levels);
 * - 'profile': static restricted objects, from the viewer's access profile: a = readable,
 *   b = AMBER the viewer may not read, c = distinct sources of those.
 */
export function rollupParts(viewer: Viewer, query: TrendQuery, profileId: number, params: SqlParams): string {
  const dimension = DIMENSIONS[query.groupBy];
  const { from, to } = dayRange(query.buckets);
  const fromParam = params.bind(from);
  const toParam = params.bind(to);
  const open = rollupDimSelection('d', dimension, params);
  return `SELECT 'open' AS part, ${bucketOfDay('d.day', query.bucket)}::text AS bucket, ${open.key} AS key, sum(d.n)::int AS a, 0 AS b, 0 AS c
     FROM trend_open_daily d CROSS JOIN LATERAL (SELECT d.tlp, '{}'::text[] AS readers) AS open_row
     WHERE ${open.where} AND d.day >= ${fromParam}::date AND d.day < ${toParam}::date AND ${readableCondition(viewer, 'open_row', params.bind)}
     GROUP BY 2, 3
   UNION ALL
   ${profileCells(query, profileId, fromParam, toParam, params)}`;
}

/**
 * The profile part's cells of the answer's buckets (partGrainFor): a sector-wide answer reads its
 * week part as it is; a readable answer adds up the readable rows of its day part's days per bucket.
 */
function profileCells(query: TrendQuery, profileId: number, fromParam: string, toParam: string, params: SqlParams): string {
  const dimension = DIMENSIONS[query.groupBy];
  const grain = partGrainFor(query.scope, query.bucket);
  const where = `p.profile_id = ${params.bind(profileId)} AND p.grain = ${params.bind(grain)} AND p.dim = ${params.bind(dimension.rollupDim)}
       AND p.bucket >= ${fromParam}::date AND p.bucket < ${toParam}::date`;
  if (grain === query.bucket) return `SELECT 'profile', p.bucket::text, p.key, p.readable, p.hidden, p.hidden_sources FROM trend_profile_cell p WHERE ${where}`;
  return `SELECT 'profile', ${bucketOfDay('p.bucket', query.bucket)}::text, p.key, sum(p.readable)::int, 0, 0 FROM trend_profile_cell p WHERE ${where} GROUP BY 2, 3`;
}

/**
 * The rows counted row by row (versions, objects standing on others), per source (per cell for a
 * readable answer), by the profile's kept verdicts (trend_profile_row, current to the same batch as
 * the part); for sector-wide answers also whether the source is already a hidden source of the cell
 * through static rows.
 */
export function rowByRowPart(viewer: Viewer, query: TrendQuery, profileId: number, params: SqlParams): string {
  const dimension = DIMENSIONS[query.groupBy];
  const contributions = rowByRowContributions(viewer, query, params, { includeStatic: false, regions: [{ name: MAIN_REGION, member: 'true' }], judgedBy: profileId });
  // A readable answer counts no hidden rows, so no source matters: one row per cell rather than one
  // per cell and source (thousands on a large hub, each sent to the hub and tallied there).
  if (query.scope !== 'SECTOR_WIDE')
    return `SELECT r.bucket, r.key, NULL::text AS source_org_id, sum(r.readable)::int AS readable, sum(r.hidden)::int AS hidden, false AS hidden_through_static
      FROM (${contributions}) AS r GROUP BY 1, 2`;
  return `SELECT r.*,
      EXISTS (SELECT 1 FROM trend_profile_source ps
              WHERE ps.profile_id = ${params.bind(profileId)} AND ps.grain = ${params.bind(query.bucket)} AND ps.dim = ${params.bind(dimension.rollupDim)}
                AND ps.bucket = r.bucket::date AND ps.key = r.key AND ps.source_org_id = r.source_org_id
                AND ps.amber > ps.readable_amber) AS hidden_through_static
    FROM (${contributions}) AS r`;
}

/**
 * The hidden sources of the profile part's cells (not totals) that have fewer than k of them through
 * static rows: the suppression rules count the distinct sources of the unreadable objects that no
 * shown cell holds. Such cells have fewer than k ids each.
 */
export function smallCellSources(query: TrendQuery, profileId: number, k: number, params: SqlParams): string {
  const dimension = DIMENSIONS[query.groupBy];
  const { from, to } = dayRange(query.buckets);
  const profile = params.bind(profileId);
  const grain = params.bind(query.bucket);
  const dim = params.bind(dimension.rollupDim);
  return `SELECT c.bucket::text AS bucket, c.key, array_agg(s.source_org_id::text) AS sources
     FROM trend_profile_cell c
     JOIN trend_profile_source s ON s.profile_id = c.profile_id AND s.grain = c.grain AND s.dim = c.dim AND s.bucket = c.bucket AND s.key = c.key
                                 AND s.amber > s.readable_amber
     WHERE c.profile_id = ${profile} AND c.grain = ${grain} AND c.dim = ${dim}
       AND c.bucket >= ${params.bind(from)}::date AND c.bucket < ${params.bind(to)}::date
       AND c.key <> ${params.bind(TOTAL_KEY)} AND c.hidden_sources > 0 AND c.hidden_sources < ${params.bind(k)}
     GROUP BY 1, 2`;
}
