import { readableCondition, tlpRank, viewerTokens, type Viewer } from '@hub/access';
import { NO_TYPE } from '@hub/incident-rules';
import { SqlParams } from '@hub/sharing';
import type { ImpactGroupBy, ImpactMeasure, ImpactQuery } from '../impact-query';

/** Within the figures, the bucket's total is returned under this key. */
export const TOTAL_KEY = '';

const RESTRICTED = [tlpRank('AMBER'), tlpRank('AMBER_STRICT')];
const RECORDS_LOST = ['confirmed-loss', 'exploited-loss'];

/**
 * The records exposed by an incident: the record_count of its current confidentiality impacts (not superseded
 * by another of its impacts) that lost data, each in the version `visible` lets through (for a readable
 * incident, the latest version of the impact the viewer reads: an unreadable impact adds nothing).
 */
function recordsExposed(row: string, visible: (alias: string) => string): string {
  const detail = `i.stix->'extensions'->'confidentiality'`;
  return `coalesce((
      SELECT sum(CASE WHEN jsonb_typeof(${detail}->'record_count') = 'number' AND (${detail}->>'record_count')::numeric >= 0 THEN (${detail}->>'record_count')::numeric ELSE 0 END)
      FROM stix_object i
      WHERE i.id = ANY(${row}.impact_refs)
        AND ${visible('i')}
        AND i.stix->>'impact_category' = 'confidentiality'
        AND ${detail}->>'loss_type' = ANY('{${RECORDS_LOST.join(',')}}'::text[])
        AND NOT (i.stix ? 'superseded_by_ref' AND (i.stix->>'superseded_by_ref') = ANY(${row}.impact_refs))), 0)`;
}

function measureOf(measure: ImpactMeasure, row: string, visible: (alias: string) => string): string {
  switch (measure) {
    case 'INCIDENTS':
      return '1';
    case 'DISRUPTED_CARE_DAYS':
      return `${row}.disrupted_care_days`;
    case 'DIVERSION_HOURS':
      return `${row}.ed_diversion_hours`;
    case 'RECORDS_EXPOSED':
      return recordsExposed(row, visible);
  }
}

/**
 * The keys an incident counts under, as an array. Anonymous reports count only under what their pseudonym
 * names (its sector, its country, or `(none)`), as in trends: the true source's sector or country would name it.
 * A pseudonym names no size, so an anonymous report counts under `(none)` by size.
 */
function keysOf(groupBy: ImpactGroupBy, row: string, params: SqlParams): string {
  const none = params.bind(NO_TYPE);
  switch (groupBy) {
    case 'INCIDENT_TYPE':
      return `CASE WHEN cardinality(${row}.incident_types) > 0 THEN ${row}.incident_types ELSE ARRAY[${none}::text] END`;
    case 'SECTOR':
      return `ARRAY[CASE WHEN ${row}.anonymous THEN coalesce(${row}.pseudonym_sector, ${none}) ELSE org.sector END]`;
    case 'COUNTRY':
      return `ARRAY[CASE WHEN ${row}.anonymous THEN coalesce(${row}.pseudonym_country, ${none}) ELSE coalesce(org.country, ${none}) END]`;
    case 'ORGANIZATION_SIZE':
      // Taken when the version was stored, and never for an anonymous report (migration 1766870000001).
      return `ARRAY[coalesce(${row}.source_size, ${none})]`;
  }
}

const bucketUnit = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/** The columns of incident_restricted_cell (migration 1767200000000) that hold a measure. */
function restrictedCellColumns(measure: ImpactMeasure): { values: string; total: string; sources: string; largest: string } {
  switch (measure) {
    case 'INCIDENTS':
      return { values: 'incidents', total: 'incidents_total', sources: 'source_org_ids', largest: 'incidents_largest' };
    case 'DISRUPTED_CARE_DAYS':
      return { values: 'disrupted_care_days', total: 'days_total', sources: 'days_sources', largest: 'days_largest' };
    case 'DIVERSION_HOURS':
      return { values: 'ed_diversion_hours', total: 'hours_total', sources: 'hours_sources', largest: 'hours_largest' };
    case 'RECORDS_EXPOSED':
      throw new Error('records exposed depend on the impacts each viewer reads: they are never rolled up');
  }
}

/** A row of impactFigures: one part (readable or not) of one cell. */
export interface ImpactFigureRow {
  bucket: string;
  key: string;
  readable: boolean;
  value: number;
  /** How many organisations' unreadable incidents add to the cell's figure; null for the readable part. */
  sources: number | null;
  /**
   * Those organisations; null for the readable part, and when there are `sourceIdsBelow` of them or more (the
   * k rule reads the ids of a cell only when fewer than k organisations stand behind it; sending and parsing
   * tens of thousands of ids took most of a sector-wide answer's time on the bench).
   */
  source_org_ids: string[] | null;
  /** The largest share one organisation adds to the unreadable part; null for the readable part. */
  largest: number | null;
}

/**
 * One row per bucket, key, readability and source organisation: the measure summed over the incidents of the
 * range, read from incident_figure (one narrow row per stored incident version, migration
 * 1766820000000-incident-figures). What the viewer reads is the feed's rule over the same access columns:
 * the latest version the viewer may read (incidents stand on no reference, so nothing else hides them),
 * falling in the bucket of the first version the viewer reads (a new version never moves an incident).
 * Sector-wide, incidents of which the viewer reads no version add their latest AMBER or AMBER+STRICT version,
 * in the bucket of their first such version, never RED. False positives count nowhere. The source
 * organisation leaves the database only as an id for the k rule, never in an answer.
 */
export function impactFigures(viewer: Viewer, query: ImpactQuery, params: SqlParams, options: { rowByRow?: boolean; sourceIdsBelow?: number } = {}): string {
  // The ids of a cell's sources, as text, unless there are at least sourceIdsBelow of them.
  const idsBelow = (sources: string) =>
    options.sourceIdsBelow === undefined ? `${sources}::text[]` : `CASE WHEN cardinality(${sources}) < ${params.bind(options.sourceIdsBelow)}::int THEN ${sources}::text[] END`;
  const readable = (alias: string) => readableCondition(viewer, alias, params.bind);
  // CLEAR and GREEN incidents of one version count for every signed-in viewer alike: their sums are read from
  // incident_open_rollup (migration 1766870000002) and only the other rows are counted here. Records exposed
  // depend on the impacts each viewer reads, so they are always counted row by row.
  const rollup = !options.rowByRow && viewer.kind !== 'anonymous' && query.measure !== 'RECORDS_EXPOSED';
  // Restricted rows are read by the viewer's tokens in readers (the feed's rule says so for every level above
  // GREEN): stated beside the rule, it lets the GIN index on readers find them instead of scanning every row.
  const singleReadable = rollup
    ? `f.single AND f.tlp >= ${tlpRank('AMBER')} AND f.readers && ${params.bind(viewerTokens(viewer))}::text[] AND ${readable('f')}`
    : `f.single AND ${readable('f')}`;
  const from = params.bind(query.buckets[0].start);
  const to = params.bind(query.buckets[query.buckets.length - 1].end);
  const latestReadableImpact = (alias: string) => `${readable(alias)} AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = ${alias}.id AND n.modified > ${alias}.modified AND ${readable('n')})`;
  const latestImpact = (alias: string) => `${alias}.tlp <> ${tlpRank('RED')} AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = ${alias}.id AND n.modified > ${alias}.modified AND n.tlp <> ${tlpRank('RED')})`;
  // Bound only when used: PostgreSQL cannot type a parameter no statement mentions.
  const restricted = query.scope === 'SECTOR_WIDE' ? params.bind(RESTRICTED) : '';
  // Latest version and first reception per id by hashing, not sorting: most incidents have one version,
  // and sorting text ids under the database's collation costs more than the rest of the answer.
  const latestOf = (versions: string, readableFlag: boolean) => `
      SELECT c.*, ${readableFlag} AS readable, l.received
      FROM (SELECT id, max(modified) AS modified, min(date_added) AS received FROM ${versions} GROUP BY id) l
      JOIN ${versions} c ON c.id = l.id AND c.modified = l.modified`;
  const sectorWide = query.scope === 'SECTOR_WIDE';
  // Sector-wide, the restricted incidents of one version are read from incident_restricted_cell (migration
  // 1767200000000), summed per week and key with their sources, less those of them the viewer reads (taken
  // back below).
  const restrictedRollup = rollup && sectorWide;
  // Incidents stored in one version are readable or not by their own row; only the others need the search
  // for their latest readable version.
  const hidden = sectorWide
    ? `, hidden_versions AS MATERIALIZED (
           SELECT f.* FROM incident_figure f
           WHERE NOT f.single AND f.tlp = ANY(${restricted}::smallint[]) AND NOT (${readable('f')})
             AND NOT EXISTS (SELECT 1 FROM readable_versions r WHERE r.id = f.id)),
         hidden AS (${
           restrictedRollup
             ? ''
             : `
           SELECT f.*, false AS readable, f.date_added AS received FROM incident_figure f
           WHERE f.single AND f.tlp = ANY(${restricted}::smallint[]) AND NOT (${readable('f')})
           UNION ALL`
         } ${latestOf('hidden_versions', false)})`
    : '';
  // Each incident once, with its keys as an array (the source only for the unreadable part), summed per
  // bucket and key set first: the keys are unnested over a few thousand sums, not over every incident.
  // `incidents` counts them: a cell of the unreadable part holds incidents when its count is above 0.
  const counted = (source: string, visible: (alias: string) => string, sign: 1 | -1 = 1) => `
      SELECT date_trunc('${bucketUnit[query.bucket]}', c.received AT TIME ZONE 'UTC')::date AS bucket, ${keysOf(query.groupBy, 'c', params)} AS keys,
             ${sign === 1 ? 'c.readable' : 'false'} AS readable, CASE WHEN c.readable AND ${sign === 1} THEN NULL ELSE c.source_org_id END AS source_org_id,
             ${sign}::numeric * (${measureOf(query.measure, 'c', visible)}) AS value, ${sign} AS incidents
      FROM ${source} c
      JOIN organization org ON org.id = c.source_org_id
      WHERE c.received >= ${from} AND c.received < ${to} AND NOT c.false_positive`;
  const total = params.bind(TOTAL_KEY);
  const column = query.measure === 'INCIDENTS' ? 'incidents' : query.measure === 'DISRUPTED_CARE_DAYS' ? 'disrupted_care_days' : 'ed_diversion_hours';
  const bucketRange = `bucket >= (${from}::timestamptz AT TIME ZONE 'UTC')::date AND bucket < (${to}::timestamptz AT TIME ZONE 'UTC')::date`;
  const groupings = rollup ? `group_by IN (${params.bind(query.groupBy)}, 'TOTAL')` : '';
  // The parts of the unreadable figures: incidents of several versions counted row by row, and with the
  // restricted rollup its sums per source, less (sign -1, under their source, as unreadable) the restricted
  // incidents of one version the viewer reads, which those sums hold too.
  const unreadableParts = !sectorWide
    ? ''
    : ` UNION ALL ${counted('hidden', latestImpact)}${
        restrictedRollup ? ` UNION ALL ${counted(`(SELECT * FROM readable_single WHERE tlp = ANY(${restricted}::smallint[]))`, latestImpact, -1)}` : ''
      }`;
  // The unreadable part per cell and source, with the incidents left in it.
  const perSourceRowByRow = `SELECT bucket, key, source_org_id, sum(value) AS value, sum(incidents) AS incidents FROM cells WHERE NOT readable GROUP BY bucket, key, source_org_id`;
  // With the restricted rollup (migration 1767200000000): one row per cell with per-source arrays and, per
  // measure, the cell's total, its sources that add more than 0 and its largest share. The few rows counted
  // here (taken back, of several versions) are summed per cell and source; only the sources they touch are
  // corrected, with their stored figures (found in the cell's arrays), and every other source counts as
  // stored. A grouping's key '' (an incident type "") is the key of the total too: its rows join the few,
  // so that a source's parts of that cell are summed before the largest share is taken, as row by row.
  const cellColumns = restrictedRollup ? restrictedCellColumns(query.measure) : undefined;
  const ownKey = restrictedRollup ? `group_by = ${params.bind(query.groupBy)} AND key = ${total}::text` : '';
  const restrictedCells = !cellColumns
    ? ''
    : `,
    few AS MATERIALIZED (
      SELECT bucket, key, source_org_id, sum(value) AS value, sum(incidents) AS incidents
      FROM (SELECT bucket, key, source_org_id, value, incidents FROM cells WHERE NOT readable
            UNION ALL SELECT r.bucket, r.key, u.source_org_id, u.value, u.incidents
            FROM incident_restricted_cell r CROSS JOIN LATERAL unnest(r.source_org_ids, r.${cellColumns.values}::numeric[], r.incidents) AS u(source_org_id, value, incidents)
            WHERE ${ownKey} AND ${bucketRange}) AS parts
      GROUP BY bucket, key, source_org_id),
    stored AS MATERIALIZED (
      SELECT bucket, CASE WHEN group_by = 'TOTAL' THEN ${total}::text ELSE key END AS key, source_org_ids[:] AS ids, ${cellColumns.values}[:]::numeric[] AS vals,
             incidents[:] AS ns, ${cellColumns.total}::numeric AS total, ${cellColumns.sources}[:] AS sources, ${cellColumns.largest}::numeric AS largest
      FROM incident_restricted_cell WHERE ${groupings} AND NOT (${ownKey}) AND ${bucketRange}),
    touched AS (
      SELECT t.bucket, t.key, array_agg(t.source_org_id) AS ids,
             sum(CASE WHEN t.incidents > 0 THEN t.value ELSE 0 END - t.before) AS change,
             array_agg(t.source_org_id) FILTER (WHERE t.incidents > 0 AND t.value > 0) AS adding,
             count(*) FILTER (WHERE t.incidents > 0) - count(*) FILTER (WHERE t.was_stored) AS change_in_sources,
             max(t.value) FILTER (WHERE t.incidents > 0) AS largest,
             bool_or(t.was_largest) AS was_largest
      FROM (SELECT f.bucket, f.key, f.source_org_id, coalesce(s.vals[p.at], 0) AS before, coalesce(s.vals[p.at], 0) + f.value AS value,
                   coalesce(s.ns[p.at], 0) + f.incidents AS incidents, p.at IS NOT NULL AS was_stored, coalesce(s.vals[p.at] = s.largest, false) AS was_largest
            FROM few f LEFT JOIN stored s ON s.bucket = f.bucket AND s.key = f.key
            CROSS JOIN LATERAL (SELECT array_position(s.ids, f.source_org_id) AS at) AS p) AS t
      GROUP BY t.bucket, t.key)`;
  // A cell's sources: the stored ones less the corrected, plus the corrected that still add something. Its
  // largest share: the stored one, unless a corrected source held it (then the largest of the others), beside
  // the corrected sources'.
  const perCellWithRollup = !restrictedCells
    ? ''
    : `
    SELECT bucket::text, key, false, value::float8, cardinality(sources) AS sources, ${idsBelow('sources')} AS source_org_ids, largest::float8
    FROM (
      SELECT coalesce(s.bucket, t.bucket) AS bucket, coalesce(s.key, t.key) AS key, coalesce(s.total, 0) + coalesce(t.change, 0) AS value,
             CASE WHEN t.bucket IS NULL THEN s.sources ELSE coalesce(incident_uuids_without(s.sources, t.ids), '{}') || coalesce(t.adding, '{}') END AS sources,
             greatest(CASE WHEN t.was_largest THEN (SELECT max(u.value) FROM unnest(s.ids, s.vals) AS u(source_org_id, value) WHERE u.source_org_id <> ALL (t.ids)) ELSE s.largest END,
                      t.largest) AS largest
      FROM stored s FULL JOIN touched t ON t.bucket = s.bucket AND t.key = s.key
      WHERE coalesce(cardinality(s.ids), 0) + coalesce(t.change_in_sources, 0) > 0) AS per_cell`;
  // The readable part needs no sources; the unreadable part is summed per cell with its distinct sources
  // (two hash aggregations rather than a DISTINCT aggregate, which would sort every row).
  return `
    WITH readable_versions AS MATERIALIZED (
      SELECT f.* FROM incident_figure f WHERE NOT f.single AND ${readable('f')}),
    readable_single AS (
      SELECT f.*, true AS readable, f.date_added AS received FROM incident_figure f WHERE ${singleReadable}),
    latest AS (
      SELECT * FROM readable_single
      UNION ALL ${latestOf('readable_versions', true)})
    ${hidden},
    sums AS (
      SELECT bucket, keys, readable, source_org_id, sum(value) AS value, sum(incidents) AS incidents
      FROM (${counted('latest', latestReadableImpact)}${unreadableParts}) AS incidents
      GROUP BY bucket, keys, readable, source_org_id),
    cells AS MATERIALIZED (
      SELECT bucket, key, readable, source_org_id, value, incidents FROM sums CROSS JOIN LATERAL unnest(keys) AS k(key)
      UNION ALL SELECT bucket, ${total}::text, readable, source_org_id, value, incidents FROM sums)
    ${restrictedCells}
    SELECT bucket::text AS bucket, key, true AS readable, sum(value)::float8 AS value, NULL::int AS sources, NULL::text[] AS source_org_ids, NULL::float8 AS largest
    FROM (SELECT bucket, key, value FROM cells WHERE readable${
      rollup
        ? `
      UNION ALL SELECT bucket, CASE WHEN group_by = 'TOTAL' THEN ${total}::text ELSE key END, ${column}
      FROM incident_open_rollup
      WHERE bucket_size = ${params.bind(query.bucket)} AND ${groupings} AND incidents > 0 AND ${bucketRange}`
        : ''
    }) AS readable_cells GROUP BY bucket, key
    ${
      sectorWide
        ? `UNION ALL
    -- Only the organisations that add something to the figure count towards k: for a sum (hours,
    -- days, records) an incident without that figure is no cover for the one hospital that gave it.
    -- A source whose incidents in the cell the viewer all reads (what is left counts none) is not in it.
    ${
      restrictedCells
        ? perCellWithRollup
        : `SELECT bucket::text, key, false, value, cardinality(sources), ${idsBelow('sources')}, largest
    FROM (SELECT bucket, key, sum(value)::float8 AS value, coalesce(array_agg(source_org_id) FILTER (WHERE value > 0), '{}') AS sources, max(value)::float8 AS largest
          FROM (${perSourceRowByRow}) AS per_source
          WHERE incidents > 0
          GROUP BY bucket, key) AS per_cell`
    }`
        : ''
    }`;
}
