import type { Viewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';

// Replicas take turns: each due row is claimed by one of them (SKIP LOCKED), never recomputed twice at once.
// Each statement of a pass carries on after the last row ($3, $4: next_check, object_pk) the one
// before it took. Started again from the oldest due row, each statement stepped once more over the
// index entries of every row the pass had already moved (their old versions stay in the index until
// vacuum, and while any older snapshot is open anywhere on the server they cannot even be marked
// dead), so a pass cost grew with the square of the rows due. A row passed over because another
// replica held it, and kept due by a rollback there, is taken by the next pass.
export const DECAY_DUE = `
  WITH due AS MATERIALIZED (
    SELECT object_pk, next_check FROM indicator_score
    WHERE next_check <= $1 AND (next_check, object_pk) > ($3::timestamptz, $4::bigint)
    ORDER BY next_check, object_pk LIMIT $2 FOR UPDATE SKIP LOCKED)
  SELECT hub_decay_indicator_scores(ARRAY(SELECT object_pk FROM due), $1) AS updated,
    (SELECT count(*) FROM due)::int AS taken,
    last.next_check::text AS "lastCheck", last.object_pk::text AS "lastPk"
  FROM (SELECT) AS one LEFT JOIN LATERAL (SELECT next_check, object_pk FROM due ORDER BY next_check DESC, object_pk DESC LIMIT 1) AS last ON true`;

/** Where a pass starts: before every row (text, as DECAY_DUE hands positions back, exactly). */
export const DECAY_START: readonly [string, string] = ['-infinity', '-9223372036854775808'];

/** What one DECAY_DUE statement did: rows updated, rows taken, and the position to carry on after. */
export interface DecayBatch {
  updated: number;
  taken: number;
  lastCheck: string | null;
  lastPk: string | null;
}

export const LIST_RULES = `SELECT observable_type AS "observableType", lifetime_days AS "lifetimeDays", speed, updated_at AS "updatedAt" FROM score_decay_rule ORDER BY observable_type`;

// A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count] rather than the rows.
export const SET_RULE = `
  WITH updated AS (
    UPDATE score_decay_rule SET lifetime_days = $2, speed = $3, updated_by = $4, updated_at = now() WHERE observable_type = $1
    RETURNING observable_type AS "observableType", lifetime_days AS "lifetimeDays", speed, updated_at AS "updatedAt")
  SELECT * FROM updated`;

// The rows of the changed rule are due at once: the next pass recomputes them with the new rule.
export const RULE_ROWS_DUE = `UPDATE indicator_score SET next_check = '-infinity' WHERE rule_type = $1`;

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
