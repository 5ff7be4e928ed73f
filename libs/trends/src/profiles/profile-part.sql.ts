import { readableCondition, viewerTokens } from '@hub/access';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { BucketSize } from '@hub/trend-rules';
import { Dimension } from '../figures/dimensions';
import { bucketOfDay, keysLateral, universeCondition } from '../figures/trend-sql';

export interface ProfilePart {
  profileId: number;
  grain: BucketSize;
  dimension: Dimension;
}

/** Sector-wide answers exist per week only, so only week parts count what the viewer may not read. */
export function partCountsHidden(grain: BucketSize): boolean {
  return grain === 'WEEK';
}

/**
 * Brings a profile part from batch `upto` to batch `current`: adds the static restricted rows taken
 * into account since, and takes back those retracted since (if they were in). Per cell it counts
 * what the viewer's readable condition accepts; for weeks also the AMBER rows it does
 * not accept, and per source how many AMBER rows there are and how many the viewer reads (a source
 * with more than it reads is a hidden source of the cell). Returns the cells it touched.
 *
 * For a day part `readers && tokens` only narrows the scan with the GIN index (a restricted row can
 * be readable only if its readers meet the viewer's tokens); readableCondition decides.
 */
export function applyProfileChanges(viewer: Viewer, part: ProfilePart, upto: number, current: number, params: SqlParams): string {
  const countsHidden = partCountsHidden(part.grain);
  const tokens = params.bind(viewerTokens(viewer));
  const uptoParam = params.bind(upto);
  const currentParam = params.bind(current);
  const profile = params.bind(part.profileId);
  const grain = params.bind(part.grain);
  const dim = params.bind(part.dimension.rollupDim);
  const relevant = (alias: string) => (countsHidden ? `(${alias}.readers && ${tokens}::text[] OR ${alias}.tlp IN (2, 3))` : `${alias}.readers && ${tokens}::text[]`);
  const columns = 'day, type, tlp, readers, source_org_id, anonymous, labels, indicator_types, sector, kind';
  return `WITH changes AS (
      SELECT 1 AS sign, ${columns} FROM trend_object t
      WHERE t.static AND t.tlp >= 2 AND t.batch > ${uptoParam} AND t.batch <= ${currentParam} AND ${relevant('t')}
      UNION ALL
      SELECT -1, ${columns} FROM trend_retraction r
      WHERE r.batch > ${uptoParam} AND r.batch <= ${currentParam} AND r.added_batch <= ${uptoParam} AND ${relevant('r')}
    ), keyed AS (
      SELECT ${bucketOfDay('c.day', part.grain)} AS bucket, keys.key, c.sign, c.tlp, c.source_org_id,
             ${readableCondition(viewer, 'c', params.bind)} AS readable
      FROM changes c ${keysLateral('c', part.dimension, params)}
      WHERE true${universeCondition('c', part.dimension, params)}
    ), sources AS (
      INSERT INTO trend_profile_source AS source (profile_id, grain, dim, bucket, key, source_org_id, amber, readable_amber)
      SELECT ${profile}, ${grain}, ${dim}, bucket, key, source_org_id, sum(sign), coalesce(sum(sign) FILTER (WHERE readable), 0)
      FROM keyed
      WHERE ${countsHidden ? 'true' : 'false'} AND tlp IN (2, 3)
      GROUP BY bucket, key, source_org_id
      ON CONFLICT (profile_id, grain, dim, bucket, key, source_org_id) DO UPDATE SET
        amber = source.amber + excluded.amber,
        readable_amber = source.readable_amber + excluded.readable_amber
      RETURNING 1
    )
    INSERT INTO trend_profile_cell AS cell (profile_id, grain, dim, bucket, key, readable, hidden)
    SELECT ${profile}, ${grain}, ${dim}, bucket, key,
           coalesce(sum(sign) FILTER (WHERE readable), 0),
           coalesce(sum(sign) FILTER (WHERE NOT readable AND tlp IN (2, 3)), 0)
    FROM keyed GROUP BY bucket, key
    ON CONFLICT (profile_id, grain, dim, bucket, key) DO UPDATE SET readable = cell.readable + excluded.readable, hidden = cell.hidden + excluded.hidden
    RETURNING bucket::text AS bucket, key`;
}

/**
 * Recounts the hidden sources of the cells just touched: sources with more AMBER rows than the
 * viewer reads. Each touched cell reads its own index range of trend_profile_source, once (the
 * planner cannot know how many rows a new part has, and re-aggregated the whole part per cell).
 */
export function refreshHiddenSources(part: ProfilePart, buckets: string[], keys: string[], params: SqlParams): string {
  const profile = params.bind(part.profileId);
  const grain = params.bind(part.grain);
  const dim = params.bind(part.dimension.rollupDim);
  return `WITH counted AS MATERIALIZED (
      SELECT touched.bucket, touched.key COLLATE "C" AS key,
             (SELECT count(*) FILTER (WHERE s.amber > s.readable_amber)
              FROM trend_profile_source s
              WHERE s.profile_id = ${profile} AND s.grain = ${grain} AND s.dim = ${dim}
                AND s.bucket = touched.bucket AND s.key = touched.key COLLATE "C")::int AS sources
      FROM unnest(${params.bind(buckets)}::date[], ${params.bind(keys)}::text[]) AS touched(bucket, key)
    )
    UPDATE trend_profile_cell cell SET hidden_sources = counted.sources
    FROM counted
    WHERE cell.profile_id = ${profile} AND cell.grain = ${grain} AND cell.dim = ${dim} AND cell.bucket = counted.bucket AND cell.key = counted.key`;
}
