import { readableCondition, viewerTokens } from '@hub/access';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { BucketSize, TrendScope } from '@hub/trend-rules';
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
 * The grain of the part an answer reads. A readable answer counts only what the viewer reads, and a
 * day part holds that for any bucket size: a week's or a month's cell is the sum of its days' cells
 * (a row is in one day). Only sector-wide answers (per week) read a week part, which also counts
 * what the viewer may not read: every AMBER row of its weeks, several times the rows of a day part.
 */
export function partGrainFor(scope: TrendScope, bucket: BucketSize): BucketSize {
  return scope === 'SECTOR_WIDE' ? bucket : 'DAY';
}

/** Where a part stands: the batch its cells hold, and the first day (a bucket start) they cover. */
export interface PartState {
  upto: number;
  /** YYYY-MM-DD, or 'infinity' for a part not built yet, '-infinity' for a part built over every bucket. */
  coveredFrom: string;
}

/** Whether day `a` (YYYY-MM-DD, or ±infinity as PostgreSQL writes it) comes before day `b`. */
export function dayBefore(a: string, b: string): boolean {
  if (a === b || a === 'infinity' || b === '-infinity') return false;
  return a === '-infinity' || b === 'infinity' || a < b;
}

/**
 * Brings a profile part to the latest batch and widens it to `fromDay` (a bucket start of its
 * grain): adds the static restricted rows of the covered days taken into account since
 * `state.upto`, takes back those retracted since (if they were in), and adds the rows of the days
 * from `fromDay` to the covered ones as they stand. Per cell it counts what the viewer's readable
 * condition accepts; for weeks also the AMBER rows it does not accept, and per source how many AMBER
 * rows there are and how many the viewer reads (a source with more than it reads is a hidden source
 * of the cell). Stamps the part with the batch it read and the days it covers, and returns the
 * cells it touched.
 *
 * One statement, so the latest batch is read in the snapshot that reads the rows: read before (in
 * an earlier statement), a batch committed in between would be half in the part (its retractions
 * taken back by the next request, its rows never added).
 *
 * For a day part `readers && tokens` only narrows the scan with the GIN index (a restricted row can
 * be readable only if its readers meet the viewer's tokens); readableCondition decides.
 */
export function applyProfileChanges(viewer: Viewer, part: ProfilePart, state: PartState, fromDay: string, params: SqlParams): string {
  const countsHidden = partCountsHidden(part.grain);
  const tokens = params.bind(viewerTokens(viewer));
  // Bound when first used: a parameter no branch uses would have no type.
  const once = (value: unknown) => {
    let placeholder: string | undefined;
    return () => (placeholder ??= params.bind(value));
  };
  const uptoParam = once(state.upto);
  const coveredParam = once(state.coveredFrom);
  const fromParam = params.bind(fromDay);
  const profile = params.bind(part.profileId);
  const grain = params.bind(part.grain);
  const dim = params.bind(part.dimension.rollupDim);
  const current = '(SELECT batch FROM current_batch)';
  const relevant = (alias: string) => (countsHidden ? `(${alias}.readers && ${tokens}::text[] OR ${alias}.tlp IN (2, 3))` : `${alias}.readers && ${tokens}::text[]`);
  const columns = 'day, type, tlp, readers, source_org_id, anonymous, labels, indicator_types, sector, kind';
  const changes: string[] = [];
  if (state.coveredFrom !== 'infinity') {
    // The covered days: what the batches since brought and took back.
    changes.push(
      `SELECT 1 AS sign, ${columns} FROM trend_object t
      WHERE t.static AND t.tlp >= 2 AND t.batch > ${uptoParam()} AND t.batch <= ${current} AND t.day >= ${coveredParam()}::date AND ${relevant('t')}`,
      `SELECT -1, ${columns} FROM trend_retraction r
      WHERE r.batch > ${uptoParam()} AND r.batch <= ${current} AND r.added_batch <= ${uptoParam()} AND r.day >= ${coveredParam()}::date AND ${relevant('r')}`,
    );
  }
  if (dayBefore(fromDay, state.coveredFrom)) {
    // The days not covered yet: every row as it stands. trend_object changes only with a batch, in the
    // batch's transaction, so in this snapshot it holds exactly the batches up to current_batch.
    changes.push(
      `SELECT 1 AS sign, ${columns} FROM trend_object t
      WHERE t.static AND t.tlp >= 2 AND t.day >= ${fromParam}::date AND t.day < ${coveredParam()}::date AND ${relevant('t')}`,
    );
  }
  if (!changes.length) changes.push(`SELECT 1 AS sign, ${columns} FROM trend_object t WHERE false`);
  return `WITH current_batch AS MATERIALIZED (
      SELECT coalesce(max(batch), 0) AS batch FROM trend_batch
    ), changes AS (
      ${changes.join('\n      UNION ALL\n      ')}
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
    ), stamped AS (
      UPDATE trend_profile_part SET upto_batch = ${current}, covered_from = least(covered_from, ${fromParam}::date)
      WHERE profile_id = ${profile} AND grain = ${grain} AND dim = ${dim}
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

/**
 * Drops the parts no question read for `idleDays` days (binding it to `params`), with their cells
 * and sources, in one statement: a question's snapshot sees a part with its cells, or neither (a
 * build adds to the cells a part already has). A build under way holds its part's row and stamps
 * used_at, so the drop passes it over once the build commits.
 */
export function dropIdleParts(idleDays: number, params: SqlParams): string {
  return `WITH dropped AS (
      DELETE FROM trend_profile_part WHERE used_at < now() - make_interval(days => ${params.bind(idleDays)}) RETURNING profile_id, grain, dim
    ), cells AS (
      DELETE FROM trend_profile_cell cell USING dropped WHERE cell.profile_id = dropped.profile_id AND cell.grain = dropped.grain AND cell.dim = dropped.dim
    )
    DELETE FROM trend_profile_source source USING dropped WHERE source.profile_id = dropped.profile_id AND source.grain = dropped.grain AND source.dim = dropped.dim`;
}
