import type { Viewer } from '@hub/access';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';

/** SQL: observable `b` is the same as `a`: same type and value (file and artifact share hashes), or one address/block inside the other. */
export function sameObservable(a: string, b: string): string {
  return `(((${b}.type = ${a}.type OR (${b}.type IN ('file', 'artifact') AND ${a}.type IN ('file', 'artifact'))) AND ${b}.value = ${a}.value)
    OR (${a}.address IS NOT NULL AND ${b}.address IS NOT NULL AND (${b}.address <<= ${a}.address OR ${b}.address >>= ${a}.address)))`;
}

/** SQL: no operator exclusion covers observable `a`. */
export function notExcluded(a: string): string {
  return `NOT EXISTS (SELECT 1 FROM correlation_exclusion x WHERE (x.type IS NULL OR x.type = ${a}.type) AND lower(${a}.value) LIKE x.like_pattern ESCAPE '\\')`;
}

/**
 * SQL: observable `a` is found in more than `limit` objects **the viewer may read** (the object it
 * belongs to included). Counting over every object would tell a viewer how many objects it cannot
 * read hold the value; counted over readable ones, the answer is the same whatever else is stored.
 */
export function overCorrelating(viewer: Viewer, a: string, limit: number, params: SqlParams): string {
  return `(SELECT count(*) FROM (
      SELECT DISTINCT c.id FROM stix_observable cs JOIN stix_object c ON c.pk = cs.object_pk
      WHERE ${sameObservable(a, 'cs')} AND ${readableObjectsWhere(viewer, {}, params, 'c')}
      LIMIT ${params.bind(limit + 1)}) shared) > ${params.bind(limit)}`;
}

/**
 * SQL condition on the feed row `o`: another object than the one stored as `pk` that shares with it
 * an observable that is neither excluded nor over-correlating for this viewer. The caller ANDs it
 * to the feed's readable condition, so `o` is always a row the viewer may read.
 */
export function correlatedWith(viewer: Viewer, pk: string, limit: number, params: SqlParams): string {
  const bound = params.bind(pk);
  return `o.id <> (SELECT id FROM stix_object WHERE pk = ${bound}::bigint)
    AND EXISTS (
      SELECT 1 FROM stix_observable mine JOIN stix_observable theirs ON ${sameObservable('mine', 'theirs')}
      WHERE mine.object_pk = ${bound}::bigint AND theirs.object_pk = o.pk
        AND ${notExcluded('mine')}
        AND NOT ${overCorrelating(viewer, 'mine', limit, params)})`;
}

/** The observables of the stored row `$1` that over-correlate for the viewer (not excluded ones). */
export function overCorrelatingValues(viewer: Viewer, pk: string, limit: number, params: SqlParams): string {
  return `SELECT DISTINCT mine.type, mine.value FROM stix_observable mine
    WHERE mine.object_pk = ${params.bind(pk)}::bigint AND ${notExcluded('mine')} AND ${overCorrelating(viewer, 'mine', limit, params)}
    ORDER BY mine.type, mine.value`;
}

export const LIST_EXCLUSIONS = `SELECT id, value, type, comment, created_at AS "createdAt" FROM correlation_exclusion ORDER BY created_at, id`;

export const ADD_EXCLUSION = `
  INSERT INTO correlation_exclusion (value, type, comment, like_pattern, created_by) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (value, (coalesce(type, ''))) DO UPDATE SET comment = EXCLUDED.comment
  RETURNING id, value, type, comment, created_at AS "createdAt"`;

export const REMOVE_EXCLUSION = `DELETE FROM correlation_exclusion WHERE id = $1::uuid RETURNING id`;

/** `*` is any run, `?` one character; everything else literal, lower-cased (canonical values compare without case). */
export function exclusionLikePattern(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (char) => `\\${char}`)
    .replace(/\*/g, '%')
    .replace(/\?/g, '_');
}
