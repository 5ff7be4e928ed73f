import { readableCondition, tlpRank, type Viewer } from '@hub/access';
import { INCIDENT_CORE_EXTENSION_ID, NO_TYPE, PATIENT_CARE_EXTENSION_ID } from '@hub/incident-rules';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import type { ImpactGroupBy, ImpactMeasure, ImpactQuery } from '../impact-query';

/** Within the figures, the bucket's total is returned under this key. */
export const TOTAL_KEY = '';

const RESTRICTED = [tlpRank('AMBER'), tlpRank('AMBER_STRICT')];
const RECORDS_LOST = ['confirmed-loss', 'exploited-loss'];

/** A figure of the patient-care extension as a number; absent, not a number or negative: 0 (never a cast error). */
function careFigure(row: string, key: string): string {
  const value = `${row}.stix->'extensions'->'${PATIENT_CARE_EXTENSION_ID}'->'${key}'`;
  return `CASE WHEN jsonb_typeof(${value}) = 'number' AND (${value})::numeric >= 0 THEN (${value})::numeric ELSE 0 END`;
}

/**
 * The records exposed by an incident: the record_count of its current confidentiality impacts (not superseded
 * by another of its impacts) that lost data, each in the version `visible` lets through (for a readable
 * incident, the latest version of the impact the viewer reads: an unreadable impact adds nothing).
 */
function recordsExposed(row: string, visible: (alias: string) => string): string {
  const refs = `${row}.stix->'extensions'->'${INCIDENT_CORE_EXTENSION_ID}'->'impact_refs'`;
  const detail = `i.stix->'extensions'->'confidentiality'`;
  return `coalesce((
      SELECT sum(CASE WHEN jsonb_typeof(${detail}->'record_count') = 'number' AND (${detail}->>'record_count')::numeric >= 0 THEN (${detail}->>'record_count')::numeric ELSE 0 END)
      FROM stix_object i
      WHERE jsonb_typeof(${refs}) = 'array' AND i.id IN (SELECT jsonb_array_elements_text(${refs}))
        AND ${visible('i')}
        AND i.stix->>'impact_category' = 'confidentiality'
        AND ${detail}->>'loss_type' = ANY('{${RECORDS_LOST.join(',')}}'::text[])
        AND NOT (i.stix ? 'superseded_by_ref' AND ${refs} ? (i.stix->>'superseded_by_ref'))), 0)`;
}

function measureOf(measure: ImpactMeasure, row: string, visible: (alias: string) => string): string {
  switch (measure) {
    case 'INCIDENTS':
      return '1';
    case 'DISRUPTED_CARE_DAYS':
      return careFigure(row, 'disrupted_care_days');
    case 'DIVERSION_HOURS':
      return careFigure(row, 'ed_diversion_hours');
    case 'RECORDS_EXPOSED':
      return recordsExposed(row, visible);
  }
}

/**
 * The keys an incident counts under. Anonymous reports count only under what their pseudonym names (its
 * sector, its country, or `(none)`), as in trends: the true source's sector or country would name it.
 */
function keysOf(groupBy: ImpactGroupBy, row: string, params: SqlParams): string {
  const none = params.bind(NO_TYPE);
  switch (groupBy) {
    case 'INCIDENT_TYPE': {
      const types = `${row}.stix->'extensions'->'${INCIDENT_CORE_EXTENSION_ID}'->'incident_types'`;
      return `SELECT DISTINCT t.key FROM jsonb_array_elements_text(CASE WHEN jsonb_typeof(${types}) = 'array' AND jsonb_array_length(${types}) > 0 THEN ${types} ELSE jsonb_build_array(${none}::text) END) AS t(key)`;
    }
    case 'SECTOR':
      return `SELECT CASE WHEN ${row}.anonymous THEN coalesce(${row}.pseudonym_sector, ${none}) ELSE org.sector END`;
    case 'COUNTRY':
      return `SELECT CASE WHEN ${row}.anonymous THEN coalesce(${row}.pseudonym_country, ${none}) ELSE coalesce(org.country, ${none}) END`;
  }
}

const bucketUnit = { DAY: 'day', WEEK: 'week', MONTH: 'month' } as const;

/**
 * One row per bucket, key, readability and source organisation: the measure summed over the incidents of the
 * range. What the viewer reads is the feed's own rule (`readableObjectsWhere`: the latest version the viewer
 * may read), falling in the bucket of the first version the viewer reads (a new version never moves an
 * incident). Sector-wide, incidents of which the viewer reads no version add their latest AMBER or
 * AMBER+STRICT version, in the bucket of their first such version, never RED. False positives count nowhere.
 * The source organisation leaves the database only as an id for the k rule, never in an answer.
 */
export function impactFigures(viewer: Viewer, query: ImpactQuery, params: SqlParams): string {
  const readable = (alias: string) => readableCondition(viewer, alias, params.bind);
  const from = params.bind(query.buckets[0].start);
  const to = params.bind(query.buckets[query.buckets.length - 1].end);
  const readableWhere = readableObjectsWhere(viewer, { types: ['incident'] }, params, 'o');
  const latestReadableImpact = (alias: string) => `${readable(alias)} AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = ${alias}.id AND n.modified > ${alias}.modified AND ${readable('n')})`;
  const latestImpact = (alias: string) => `${alias}.tlp <> ${tlpRank('RED')} AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = ${alias}.id AND n.modified > ${alias}.modified AND n.tlp <> ${tlpRank('RED')})`;
  // Bound only when used: PostgreSQL cannot type a parameter no statement mentions.
  const restricted = query.scope === 'SECTOR_WIDE' ? params.bind(RESTRICTED) : '';
  const hiddenPart =
    query.scope === 'SECTOR_WIDE'
      ? `UNION ALL
         SELECT h.pk, false AS readable, ${measureOf(query.measure, 'h', latestImpact)} AS value,
                (SELECT min(f.date_added) FROM stix_object f WHERE f.id = h.id AND f.tlp = ANY(${restricted}::smallint[])) AS received
         FROM stix_object h
         WHERE h.type = 'incident' AND h.tlp = ANY(${restricted}::smallint[])
           AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = h.id AND n.modified > h.modified AND n.tlp = ANY(${restricted}::smallint[]))
           AND NOT EXISTS (SELECT 1 FROM stix_object v WHERE v.id = h.id AND ${readable('v')})`
      : '';
  return `
    WITH counted AS (
      SELECT o.pk, true AS readable, ${measureOf(query.measure, 'o', latestReadableImpact)} AS value,
             (SELECT min(f.date_added) FROM stix_object f WHERE f.id = o.id AND ${readable('f')}) AS received
      FROM stix_object o
      WHERE ${readableWhere}
      ${hiddenPart}
    )
    SELECT to_char(date_trunc('${bucketUnit[query.bucket]}', c.received AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS bucket, keys.key,
           c.readable, r.source_org_id::text AS source_org_id, sum(c.value)::float8 AS value
    FROM counted c
    JOIN stix_object r ON r.pk = c.pk
    JOIN organization org ON org.id = r.source_org_id
    CROSS JOIN LATERAL (${keysOf(query.groupBy, 'r', params)} UNION ALL SELECT ${params.bind(TOTAL_KEY)}::text) AS keys(key)
    WHERE c.received >= ${from} AND c.received < ${to}
      AND coalesce(r.stix->'extensions'->'${INCIDENT_CORE_EXTENSION_ID}'->>'determination', '') <> 'false-positive'
    GROUP BY 1, 2, 3, 4`;
}
