import type { Viewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';

/**
 * Over the indicators the viewer may read (as in the feed) that the hub received in [start, end):
 * how many, how many are still valid at `now`, how many another organisation has sighted, and the
 * median time from valid_from to the first such sighting (sightings the viewer may read).
 *
 * "Another organisation" is decided only on what the viewer may know: when either side is someone
 * else's anonymous submission, the two count as different organisations, so the figure never tells
 * whether an anonymous sighting came from the indicator's own source.
 */
export function indicatorFiguresSql(viewer: Viewer, start: Date, end: Date, now: Date, params: SqlParams): string {
  const ownOrganization = params.bind(viewer.kind === 'anonymous' ? null : viewer.organizationId);
  const revealed = (alias: string) => `(NOT ${alias}.anonymous OR ${alias}.source_org_id = ${ownOrganization}::uuid)`;
  return `WITH indicators AS (
      SELECT o.id, o.valid_from, o.valid_until, o.revoked, o.source_org_id, o.anonymous
      FROM stix_object o
      WHERE o.type = 'indicator' AND o.date_added >= ${params.bind(start)} AND o.date_added < ${params.bind(end)}
        AND ${readableObjectsWhere(viewer, {}, params, 'o')}
    ), first_sightings AS (
      SELECT i.id, i.valid_from, min(coalesce((s.stix->>'first_seen')::timestamptz, s.created, s.date_added)) AS first_seen
      FROM indicators i
      JOIN stix_object s ON s.type = 'sighting' AND s.required_refs @> ARRAY[i.id]
      WHERE ${readableObjectsWhere(viewer, {}, params, 's')}
        AND NOT (${revealed('i')} AND ${revealed('s')} AND i.source_org_id = s.source_org_id)
      GROUP BY i.id, i.valid_from
    )
    SELECT (SELECT count(*) FROM indicators)::int AS indicators,
           (SELECT count(*) FROM indicators WHERE NOT revoked AND (valid_until IS NULL OR valid_until > ${params.bind(now)}))::int AS valid,
           (SELECT count(*) FROM first_sightings)::int AS sighted,
           (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY greatest(0, extract(epoch FROM first_seen - valid_from)))
            FROM first_sightings WHERE valid_from IS NOT NULL) AS median_seconds`;
}
