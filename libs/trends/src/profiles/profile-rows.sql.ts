import type { Viewer } from '@hub/access';
import { judgedObjectColumns, readableRowsAmong, SqlParams } from '@hub/sharing';
import { hiddenVersionCondition } from '../figures/row-by-row.sql';

/**
 * The organisations' identity ids, as one value (SQL): followableRefCondition follows any member
 * organisation's identity, so verdicts are judged again whenever this set changes (a new
 * organisation, or an update of identity_id, which changes no count).
 */
export const ORGANIZATIONS_DIGEST = `(SELECT md5(coalesce(string_agg(identity_id::text, ',' ORDER BY identity_id), '')) FROM organization)`;

/**
 * Judges rows counted row by row for one access profile and keeps the verdicts (trend_profile_row):
 * readable by the feed's rule, or, for sector-wide answers, an unreadable AMBER row in its latest
 * AMBER version (hiddenVersionCondition): the conditions row-by-row answers use. `which` selects
 * rows of trend_object `t`; rows judged neither are not stored.
 *
 * Set-based (readableRowsAmong): the rows are read once (trend_object, then their stored row by
 * pk), each condition is answered once for the rows it concerns (a reference shared by many rows
 * once), and the verdicts are joined back. Judging each row on its own with readableObjectsWhere
 * evaluated every condition twice (the filter and the stored value), a reference once per row
 * standing on it, and picked the rows through the wrong index: about 120 µs a row, seconds for a
 * first question.
 */
export function judgeRows(viewer: Viewer, profileId: number, which: string, params: SqlParams): string {
  // The stored rows are fetched by pk (an index probe each): with a plain join the planner may read
  // the whole of stix_object to hash a few thousand rows. The target comes first, as in any insert,
  // so that pg_stat_activity's (cut) text of a waiting build names it.
  return `INSERT INTO trend_profile_row (profile_id, object_pk, day, type, readable, hidden)
    WITH picked AS MATERIALIZED (
      SELECT t.object_pk, t.day, t.type FROM trend_object t WHERE NOT t.static AND (${which})
    ), stored AS MATERIALIZED (
      SELECT ${judgedObjectColumns('o')} FROM stix_object o WHERE o.pk = ANY (ARRAY(SELECT object_pk FROM picked))
    ), judged AS MATERIALIZED (
      SELECT p.day, p.type, s.* FROM stored s JOIN picked p ON p.object_pk = s.pk
    ), readable AS MATERIALIZED (${readableRowsAmong(viewer, 'judged', params)}
    ), hidden AS MATERIALIZED (
      SELECT o.pk FROM judged o WHERE ${hiddenVersionCondition(viewer, params)}
    )
    SELECT ${params.bind(profileId)}, j.pk, j.day, j.type, r.pk IS NOT NULL, h.pk IS NOT NULL
    FROM judged j LEFT JOIN readable r ON r.pk = j.pk LEFT JOIN hidden h ON h.pk = j.pk
    WHERE r.pk IS NOT NULL OR h.pk IS NOT NULL
    ON CONFLICT (profile_id, object_pk) DO UPDATE SET day = excluded.day, type = excluded.type, readable = excluded.readable, hidden = excluded.hidden`;
}

/**
 * The rows whose verdict batches (upto, current] may have changed: a row depends on itself, on the
 * other versions of its object and on the objects it stands on, so every row the batches took, every
 * row of the same object id and every row whose required_refs name one of their ids (one index
 * probe per id). Rows the batches took or moved to row-by-row counting carry their batch: they are
 * judged again even when no change was logged for them (a migration moving rows in its own batch).
 */
export function touchedRows(upto: number, current: number, params: SqlParams): string {
  return `WITH changed AS MATERIALIZED (
      SELECT object_pk, object_id FROM trend_changed WHERE batch > ${params.bind(upto)} AND batch <= ${params.bind(current)}
    ), ids AS MATERIALIZED (SELECT DISTINCT object_id FROM changed)
    SELECT object_pk FROM changed
    UNION SELECT t.object_pk FROM trend_object t WHERE NOT t.static AND t.batch > ${params.bind(upto)} AND t.batch <= ${params.bind(current)}
    UNION SELECT t.object_pk FROM ids JOIN trend_object t ON t.object_id = ids.object_id
    UNION SELECT s.pk FROM ids JOIN stix_object s ON s.required_refs @> ARRAY[ids.object_id COLLATE "default"]`;
}
