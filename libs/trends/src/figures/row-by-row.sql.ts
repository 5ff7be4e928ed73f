import { readableCondition } from '@hub/access';
import type { Viewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import { NO_VALUE_KEY, TrendScope } from '@hub/trend-rules';
import { TrendFilters, TrendQuery } from '../trend-query';
import { DIMENSIONS, TOTAL_KEY } from './dimensions';
import { bucketOfDay, dayRange, keysLateral, universeCondition } from './trend-sql';

/** A region of an answer: the cells proper ('main'), or a region a filter leaves out ('guard-…'). */
export interface Region {
  name: string;
  member: string;
}

export const MAIN_REGION = 'main';

/**
 * Row by row: which rows count for the viewer, per bucket, key, region and source organisation.
 *
 * - A static row (the only version of its object, standing only on what everyone may follow) counts
 *   as readable exactly when the viewer's readable condition holds; otherwise, for sector-wide
 *   answers, as hidden when it is AMBER or AMBER+STRICT.
 * - Any other row follows the feed: readable when it is the latest version the viewer may read and
 *   nothing it stands on is withheld; hidden (sector-wide) when it is AMBER or AMBER+STRICT, no version
 *   of its object is readable, and no later AMBER version exists. RED rows the viewer may not read
 *   never count, and never make a cell exist.
 *
 * With `judgedBy` (an access profile whose verdicts are current), the other rows' verdicts are read
 * from trend_profile_row instead of being judged here.
 *
 * Columns: bucket, key, region, source_org_id (never leaves the server), readable, hidden.
 */
export function rowByRowContributions(
  viewer: Viewer,
  query: TrendQuery,
  params: SqlParams,
  options: { includeStatic: boolean; regions: Region[]; judgedBy?: number },
): string {
  const dimension = DIMENSIONS[query.groupBy];
  const sectorWide = query.scope === 'SECTOR_WIDE';
  const { from, to } = dayRange(query.buckets);
  const fromParam = params.bind(from);
  const toParam = params.bind(to);
  const scan = (alias: string) =>
    `${alias}.day >= ${fromParam}::date AND ${alias}.day < ${toParam}::date${universeCondition(alias, dimension, params)}${scanCondition(alias, query.filters, sectorWide, params)}`;
  const staticRows = () => {
    const readable = readableCondition(viewer, 't', params.bind);
    return `
    SELECT t.object_pk, t.object_id, t.day, t.type, t.tlp, t.source_org_id, t.anonymous, t.labels, t.indicator_types, t.sector, t.kind, t.family,
           ${readable} AS readable,
           ${sectorWide ? `(t.tlp IN (2, 3) AND NOT ${readable})` : 'false'} AS hidden
    FROM trend_object t
    WHERE t.static AND ${scan('t')}`;
  };
  // The types the question keeps, on the verdicts too: found from their index, not by fetching each
  // verdict's row (a profile's verdicts are mostly relationships and sightings, which a question
  // about indicators never counts). Sector-wide filters keep every AMBER row, so only the grouping's
  // universe narrows those.
  const verdictTypes = () =>
    `${universeCondition('j', dimension, params)}${!sectorWide && query.filters.types?.length ? ` AND j.type = ANY(${params.bind(query.filters.types)}::text[])` : ''}`;
  const otherRows = () =>
    options.judgedBy === undefined
      ? `
    SELECT t.object_pk, t.object_id, t.day, t.type, t.tlp, t.source_org_id, t.anonymous, t.labels, t.indicator_types, t.sector, t.kind, t.family,
           (${readableObjectsWhere(viewer, {}, params, 'o')}) AS readable,
           ${sectorWide ? hiddenVersionCondition(viewer, params) : 'false'} AS hidden
    FROM trend_object t JOIN stix_object o ON o.pk = t.object_pk
    WHERE NOT t.static AND ${scan('t')}`
      : // The same verdicts, kept per access profile (profiles/profile-rows.sql.ts); only rows
        // with a verdict of readable or hidden are kept there, the others count nowhere.
        `
    SELECT t.object_pk, t.object_id, t.day, t.type, t.tlp, t.source_org_id, t.anonymous, t.labels, t.indicator_types, t.sector, t.kind, t.family,
           j.kind = 'readable' AS readable, ${sectorWide ? `j.kind = 'hidden'` : 'false'} AS hidden
    FROM trend_profile_row j JOIN trend_object t ON t.object_pk = j.object_pk
    WHERE j.profile_id = ${params.bind(options.judgedBy)} AND j.day >= ${fromParam}::date AND j.day < ${toParam}::date${verdictTypes()}
      AND NOT t.static AND ${scan('t')}`;
  const counted = options.includeStatic ? `${staticRows()}\n    UNION ALL${otherRows()}` : otherRows();

  const keys = dimension.rollupDim ? keysLateral('c', dimension, params) : familyKeysLateral(params);
  const families = dimension.rollupDim ? '' : `, ${familyCtes(viewer, params)}`;
  const regions = options.regions.map((region) => `(${params.bind(region.name)}::text, ${region.member})`).join(', ');

  return `WITH counted AS (${counted}
    ), kept AS (SELECT * FROM counted WHERE readable OR hidden)${families}
    SELECT ${bucketOfDay('c.day', query.bucket)}::text AS bucket, keys.key, regions.region, c.source_org_id,
           count(*) FILTER (WHERE c.readable)::int AS readable,
           count(*) FILTER (WHERE c.hidden)::int AS hidden
    FROM kept c
    ${dimension.rollupDim ? '' : 'LEFT JOIN indicator_families f ON f.object_pk = c.object_pk'}
    ${keys}
    CROSS JOIN LATERAL (VALUES ${regions}) AS regions(region, member)
    WHERE regions.member
    GROUP BY 1, 2, 3, 4`;
}

/**
 * Per bucket, key and region: the figures the suppression rules need, with the ids of the hidden
 * sources of cells that have fewer than k of them (they never leave the server).
 */
export function rowByRowFigures(viewer: Viewer, query: TrendQuery, k: number, params: SqlParams): string {
  const regions = filterRegions('c', query.filters, query.scope, params);
  const contributions = rowByRowContributions(viewer, query, params, { includeStatic: true, regions });
  return `SELECT bucket, key, region,
                 sum(readable)::int AS readable,
                 sum(hidden)::int AS hidden,
                 count(*) FILTER (WHERE hidden > 0)::int AS hidden_sources,
                 CASE WHEN count(*) FILTER (WHERE hidden > 0) < ${params.bind(k)}
                      THEN array_agg(source_org_id::text) FILTER (WHERE hidden > 0) END AS hidden_source_ids
          FROM (${contributions}) AS per_source
          GROUP BY 1, 2, 3`;
}

/**
 * The rows to look at: under filters, the rows they keep; for sector-wide answers also every AMBER
 * row, because the regions a filter leaves out are checked too.
 */
function scanCondition(alias: string, filters: TrendFilters, sectorWide: boolean, params: SqlParams): string {
  const conditions = filterConditions(alias, filters, params);
  if (!conditions.length) return '';
  const main = conditions.join(' AND ');
  return sectorWide ? ` AND ((${main}) OR ${alias}.tlp IN (2, 3))` : ` AND ${main}`;
}

function filterConditions(alias: string, filters: TrendFilters, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filters.types?.length) conditions.push(`${alias}.type = ANY(${params.bind(filters.types)}::text[])`);
  if (filters.sectors?.length) conditions.push(`${alias}.sector = ANY(${params.bind(filters.sectors)}::text[])`);
  if (filters.labels?.length) conditions.push(`${alias}.labels && ${params.bind(filters.labels)}::text[]`);
  return conditions;
}

/**
 * The cells proper, and for a sector-wide answer under its one filter (parseTrendQuery allows no
 * more) the region that filter removes: the unfiltered answer minus this one, which a viewer could
 * compute from the two answers.
 */
export function filterRegions(alias: string, filters: TrendFilters, scope: TrendScope, params: SqlParams): Region[] {
  const conditions = filterConditions(alias, filters, params);
  const regions: Region[] = [{ name: MAIN_REGION, member: conditions.length ? conditions.map((sql) => `(${sql})`).join(' AND ') : 'true' }];
  if (scope === 'SECTOR_WIDE' && conditions.length === 1) regions.push({ name: 'removed-by-filter', member: `NOT (${conditions[0]})` });
  return regions;
}

/**
 * A row the viewer may not read counts in a sector-wide answer when it is AMBER or AMBER+STRICT, no
 * version of its object is readable to the viewer (then the readable part counts it, or nothing
 * does), and it is the latest AMBER version. Rows without "modified" have no versions.
 */
export function hiddenVersionCondition(viewer: Viewer, params: SqlParams): string {
  return `(o.tlp IN (2, 3) AND NOT ${readableCondition(viewer, 'o', params.bind)}
      AND (o.modified IS NULL OR (
        NOT EXISTS (SELECT 1 FROM stix_object version WHERE version.id = o.id AND ${readableCondition(viewer, 'version', params.bind)})
        AND NOT EXISTS (SELECT 1 FROM stix_object later WHERE later.id = o.id AND later.modified > o.modified AND later.tlp IN (2, 3)))))`;
}

/**
 * Malware families of the counted indicators: the lower-cased names of malware objects an
 * "indicates" relationship points to, through relationships and malware objects the viewer may read,
 * for readable and (sector-wide) unreadable indicators alike. An unreadable relationship or malware
 * object never moves an indicator to another family: it may come from fewer than k organisations
 * (alone it would list its name once k organisations' indicators point at it), and an id it holds
 * must count like an id the hub does not hold (docs/sharing.md, "References").
 */
function familyCtes(viewer: Viewer, params: SqlParams): string {
  return `usable_links AS (
      SELECT fl.indicator_id, m.family
      FROM trend_family_link fl
      JOIN trend_object r ON r.object_pk = fl.relationship_pk
      JOIN trend_object m ON m.object_id = fl.malware_id AND m.type = 'malware' AND m.family IS NOT NULL
      WHERE ${readableCondition(viewer, 'r', params.bind)} AND ${readableCondition(viewer, 'm', params.bind)}
    ), indicator_families AS (
      SELECT c.object_pk, array_agg(DISTINCT ul.family) AS families
      FROM kept c JOIN usable_links ul ON ul.indicator_id = c.object_id
      WHERE c.type = 'indicator'
      GROUP BY c.object_pk
    )`;
}

function familyKeysLateral(params: SqlParams): string {
  const none = params.bind(NO_VALUE_KEY);
  return `CROSS JOIN LATERAL unnest(
      CASE WHEN c.type = 'malware' THEN ARRAY[coalesce(c.family, ${none}::text)] ELSE coalesce(f.families, ARRAY[${none}::text]) END
      || ARRAY[${params.bind(TOTAL_KEY)}::text]) AS keys(key)`;
}
