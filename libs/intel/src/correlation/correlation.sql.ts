import type { Viewer } from '@hub/access';
import { IS_HOST, latestReadableVersion, readableObjectsWhere, SqlParams } from '@hub/sharing';

const THEIRS_IS_HOST = IS_HOST.replace(/address/g, 'theirs.address');

/**
 * SQL: the pks of the stored rows holding an observable that is the same as `a` (a row alias of
 * stix_observable): the same type and value (file and artifact share hashes), or one address/block
 * inside the other (`<<=` either way). Written as three scans keyed by `a`, each on its own index
 * (the (type, value) btree; the GiST index of blocks; the btree of single hosts, where "inside `a`"
 * is a range), so the work is the rows holding the value, whatever else is stored. A pk appears once
 * per matching observable row.
 */
export function rowsSharing(a: string): string {
  return `SELECT theirs.object_pk FROM stix_observable theirs
      WHERE theirs.type = ANY(CASE WHEN ${a}.type IN ('file', 'artifact') THEN ARRAY['file', 'artifact'] ELSE ARRAY[${a}.type] END)
        AND theirs.value = ${a}.value
    UNION ALL
    SELECT theirs.object_pk FROM stix_observable theirs
      WHERE ${a}.address IS NOT NULL AND theirs.address IS NOT NULL AND NOT ${THEIRS_IS_HOST} AND theirs.address && ${a}.address
    UNION ALL
    SELECT theirs.object_pk FROM stix_observable theirs
      WHERE ${a}.address IS NOT NULL AND theirs.address IS NOT NULL AND ${THEIRS_IS_HOST}
        AND theirs.address BETWEEN host(network(${a}.address))::inet AND host(broadcast(${a}.address))::inet`;
}

/** SQL: no operator exclusion covers observable `a`. */
export function notExcluded(a: string): string {
  return `NOT EXISTS (SELECT 1 FROM correlation_exclusion x WHERE (x.type IS NULL OR x.type = ${a}.type) AND lower(${a}.value) LIKE x.like_pattern ESCAPE '\\')`;
}

/**
 * SQL: observable `a` is found in more than `limit` objects **the viewer may read** (the object it
 * belongs to included). Counting over every object would tell a viewer how many objects it cannot
 * read hold the value; counted over readable ones, the answer is the same whatever else is stored.
 * Driven from the rows holding the value (rowsSharing), then the readable condition on each.
 */
export function overCorrelating(viewer: Viewer, a: string, limit: number, params: SqlParams): string {
  // The feed's readable condition in two steps, so that the count stops at limit + 1 objects: the
  // holding rows readable in some version (each read by its key, then sorted by id; the fence keeps
  // the order), then, row by row in id order, the "latest readable version" probe of the version
  // index, which was most of the time of a value held by many (every holder was probed, then sorted
  // for DISTINCT, before the LIMIT applied). The rows counted are exactly those of
  // readableObjectsWhere (the same conditions, ANDed); the order only lets DISTINCT and LIMIT stream.
  return `(SELECT count(*) FROM (
      SELECT DISTINCT c.id FROM (
        SELECT c.id, c.modified FROM stix_object c
        WHERE c.pk = ANY(ARRAY(${rowsSharing(a)})) AND ${readableObjectsWhere(viewer, {}, params, 'c', { everyVersion: true })}
        ORDER BY c.id OFFSET 0) c
      WHERE ${latestReadableVersion(viewer, params, 'c')}
      LIMIT ${params.bind(limit + 1)}) shared) > ${params.bind(limit)}`;
}

/**
 * SQL condition on the feed row `o`: another object than the one stored as `pk` that shares with it
 * an observable that is neither excluded nor over-correlating for this viewer. The caller ANDs it
 * to the feed's readable condition, so `o` is always a row the viewer may read.
 *
 * The candidate pks are gathered first, as one array (an InitPlan, run once), from the observables
 * of `pk` through the indexes of rowsSharing; the feed row is then fetched by primary key and the
 * readable condition applied to each. An `EXISTS` on `o` instead let PostgreSQL walk every readable
 * object newest first looking for one that shares something (seconds on a million rows, and the
 * whole table when nothing does).
 */
export function correlatedWith(viewer: Viewer, pk: string, limit: number, params: SqlParams): string {
  return sharingObservablesOf(`${params.bind(pk)}::bigint`, `${notExcluded('mine')}
        AND NOT ${overCorrelating(viewer, 'mine', limit, params)}`);
}

/**
 * SQL: the common table expression `linking`: the distinct observables of the rows `keys` (the SQL
 * of a bigint[]) that link for this viewer, i.e. neither excluded nor over-correlating. Each value
 * is judged once for the whole batch: the indicators of a look-up usually share the looked-up
 * value, and the over-correlation count of a value was made again for every row holding it (22
 * times for an address in 22 indicators). The judgement depends only on the value (type, value,
 * address) and the viewer, so it is the same as judging each row's observable on its own. The
 * observables are read through the keys (unnest, then the object_pk index): with `object_pk =
 * ANY(keys)` the generic plan read the whole table (a parallel seq scan, 60 ms).
 */
export function linkingObservables(viewer: Viewer, keys: string, limit: number, params: SqlParams): string {
  return `linking AS MATERIALIZED (
    SELECT mine.type, mine.value, mine.address
    FROM (SELECT DISTINCT held.type, held.value, held.address FROM unnest(${keys}) AS key(pk) JOIN stix_observable held ON held.object_pk = key.pk) mine
    WHERE ${notExcluded('mine')} AND NOT ${overCorrelating(viewer, 'mine', limit, params)})`;
}

/**
 * As correlatedWith, for the stored row whose pk is the SQL expression `pk` (a bigint), one of the
 * keys of a batch (FeedService.firstPagesByKey) whose `linking` observables (linkingObservables)
 * were judged once for all of them: the "also in" of several rows in one statement.
 */
export function correlatedWithLinking(pk: string): string {
  return sharingObservablesOf(
    pk,
    'EXISTS (SELECT 1 FROM linking WHERE linking.type = mine.type AND linking.value = mine.value AND linking.address IS NOT DISTINCT FROM mine.address)',
  );
}

/**
 * SQL condition on the feed row `o`: another object than the stored row `pk` (the SQL of a bigint)
 * holding an observable of it, `mine`, that `links` accepts (the candidates gathered first, see
 * correlatedWith).
 */
function sharingObservablesOf(pk: string, links: string): string {
  return `o.id <> (SELECT id FROM stix_object WHERE pk = ${pk})
    AND o.pk = ANY(ARRAY(
      SELECT shared.object_pk FROM stix_observable mine CROSS JOIN LATERAL (${rowsSharing('mine')}) shared
      WHERE mine.object_pk = ${pk}
        AND ${links}))`;
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
