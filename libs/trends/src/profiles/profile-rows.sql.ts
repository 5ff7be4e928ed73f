import { readableCondition } from '@hub/access';
import type { Viewer } from '@hub/access';
import { readableRowsAmong, SqlParams } from '@hub/sharing';
import { hiddenVersionCondition } from '../figures/row-by-row.sql';

/**
 * The organisations' identity ids, as one value (SQL): followableRefCondition follows any member
 * organisation's identity, so verdicts are judged again whenever this set changes (a new
 * organisation, or an update of identity_id, which changes no count).
 */
export const ORGANIZATIONS_DIGEST = `(SELECT md5(coalesce(string_agg(identity_id::text, ',' ORDER BY identity_id), '')) FROM organization)`;

/**
 * The two kinds of verdicts a profile keeps, each brought up to date on its own (a row is of one kind
 * or the other by its own marking): 'readable', the rows whose marking the viewer reads, judged by
 * the feed's rule (every answer needs them); 'hidden', the AMBER rows whose marking the viewer does
 * not read, judged for sector-wide answers (only they need them).
 */
export type VerdictKind = 'readable' | 'hidden';

/** SQL: the row of trend_object `t` is of this kind for the viewer (its marking, as the batch took it in). */
function ofKind(viewer: Viewer, kind: VerdictKind, params: SqlParams): string {
  const marking = readableCondition(viewer, 't', params.bind);
  return kind === 'readable' ? marking : `(t.tlp IN (2, 3) AND NOT ${marking})`;
}

/**
 * Judges rows counted row by row for one access profile and keeps the verdicts of one kind
 * (trend_profile_row): for 'readable', the rows the feed's rule lets the viewer read; for 'hidden',
 * for sector-wide answers, the unreadable AMBER rows in their latest AMBER version
 * (hiddenVersionCondition): the conditions row-by-row answers use. `which` selects rows of
 * trend_object `t`; rows judged neither are not stored.
 *
 * Set-based (readableRowsAmong): the rows are read once (from trend_object), each condition is
 * answered once for the rows it concerns (a reference shared by many rows once), and the verdicts
 * are joined back. Judging each row on its own with readableObjectsWhere
 * evaluated every condition twice (the filter and the stored value), a reference once per row
 * standing on it, and picked the rows through the wrong index: about 120 µs a row, seconds for a
 * first question.
 */
export function judgeRows(viewer: Viewer, profileId: number, kind: VerdictKind, which: string, params: SqlParams): string {
  const verdict = kind === 'readable' ? readableRowsAmong(viewer, 'judged', params) : `SELECT o.pk FROM judged o WHERE ${hiddenVersionCondition(viewer, params)}`;
  // The judged columns come from trend_object, which keeps them on rows counted row by row (migration
  // 1767820000002): fetching each row from stix_object was a third of a first question's judging. A
  // row without them has no stored row (it leaves trend_object with the next batch): not judged,
  // as a row-by-row answer finds no stored row for it. The target comes first, as in any insert, so
  // that pg_stat_activity's (cut) text of a waiting build names it.
  return `INSERT INTO trend_profile_row (profile_id, kind, object_pk, day, type)
    WITH judged AS MATERIALIZED (
      SELECT t.day, t.type, t.object_pk AS pk, t.object_id COLLATE "default" AS id, t.modified, t.tlp, t.readers, t.required_refs, t.submitted_by, t.created_by_ref
      FROM trend_object t
      WHERE NOT t.static AND t.required_refs IS NOT NULL AND (${which}) AND ${ofKind(viewer, kind, params)}
    ), verdict AS MATERIALIZED (${verdict}
    )
    SELECT ${params.bind(profileId)}, ${params.bind(kind)}, j.pk, j.day, j.type
    FROM judged j JOIN verdict v ON v.pk = j.pk
    ON CONFLICT (profile_id, kind, object_pk) DO UPDATE SET day = excluded.day, type = excluded.type`;
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
