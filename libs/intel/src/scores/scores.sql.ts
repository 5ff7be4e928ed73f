import type { Viewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';

// Replicas take turns: each due row is claimed by one of them (SKIP LOCKED), never recomputed twice at once.
export const DECAY_DUE = `
  SELECT hub_decay_indicator_scores(ARRAY(
    SELECT object_pk FROM indicator_score WHERE next_check <= $1 ORDER BY next_check LIMIT $2 FOR UPDATE SKIP LOCKED), $1) AS updated`;

export const LIST_RULES = `SELECT observable_type AS "observableType", lifetime_days AS "lifetimeDays", speed, updated_at AS "updatedAt" FROM score_decay_rule ORDER BY observable_type`;

// A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
export const SET_RULE = `
  WITH updated AS (
    UPDATE score_decay_rule SET lifetime_days = $2, speed = $3, updated_by = $4, updated_at = now() WHERE observable_type = $1
    RETURNING observable_type AS "observableType", lifetime_days AS "lifetimeDays", speed, updated_at AS "updatedAt")
  SELECT * FROM updated`;

// The rows of the changed rule are due at once: the next pass recomputes them with the new rule.
export const RULE_ROWS_DUE = `UPDATE indicator_score SET next_check = '-infinity' WHERE rule_type = $1`;

/** The stored scores of rows the caller has read through the feed's rules (a score tells of nothing else: see the migration). */
export const SCORES_OF_ROWS = `SELECT object_pk::text AS pk, score FROM indicator_score WHERE object_pk = ANY($1::bigint[])`;

/**
 * Per object id and sighting type, the total count of the sightings of it the viewer may read (the
 * feed's readable condition, latest readable version, references it may follow), revoked ones left out.
 */
export function sightingTotalsOf(viewer: Viewer, ids: string[], params: SqlParams): string {
  const bound = params.bind(ids);
  return `
    SELECT o.stix->>'sighting_of_ref' AS ref, coalesce(o.stix->>'x_hub_sighting_type', 'sighting') AS kind,
      least(sum(CASE WHEN jsonb_typeof(o.stix->'count') = 'number' THEN (o.stix->>'count')::bigint ELSE 1 END), 2147483647)::int AS total
    FROM stix_object o
    WHERE o.required_refs && ${bound}::text[] AND o.stix->>'sighting_of_ref' = ANY(${bound}::text[]) AND NOT o.revoked
      AND ${readableObjectsWhere(viewer, { types: ['sighting'] }, params)}
    GROUP BY 1, 2`;
}
