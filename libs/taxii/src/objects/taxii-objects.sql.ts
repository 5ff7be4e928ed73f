import { readableCondition, tlpRank, Viewer } from '@hub/access';
import { objectColumns, readableObjectsWhere, SOURCE_JOIN, SqlParams } from '@hub/sharing';
import { CollectionScope } from '../collections/collection-catalog';
import { PageCursor } from '../query/page-cursor';
import { VersionMatch } from '../query/taxii-query';

const AMBER = tlpRank('AMBER');
const AMBER_STRICT = tlpRank('AMBER_STRICT');
const RED = tlpRank('RED');

/** UTC to the microsecond: the precision of date_added, which pagination must not lose. */
export const MICROSECOND_TEXT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** The versions a read may reach: a collection's, or (`all`) every version TAXII carries, as DELETE on Submit does. */
export type SelectionScope = CollectionScope | { kind: 'all' };

/** What one TAXII read asks for, validated. */
export interface TaxiiSelection {
  scope: SelectionScope;
  ids: string[];
  types: string[];
  specVersions: string[];
  versions: VersionMatch;
  /** Only indicators whose stored score (libs/intel's indicator_score) is at least this; other objects pass. */
  minScore?: number;
  addedAfter?: string;
  after?: PageCursor;
  /** Only rows added before this instant: every transaction that could add an earlier row has ended (see safeHorizonSql). */
  horizon: string;
  limit: number;
}

/**
 * The safe horizon of a page: rows added before it are all committed (or rolled back) by the time
 * the page query takes its snapshot. date_added is clock_timestamp() at insert, so a row not yet
 * committed was added after its transaction started (a transaction that has written holds a
 * transaction id: its xact_start bounds its rows) or, for a transaction that has written nothing
 * yet, after the start of the statement it is running (query_start; the transaction id is only
 * taken at the first row written, after that row's date_added was computed). A transaction idle
 * without a transaction id can only add rows later than now; now() bounds those not begun. Run it
 * as its own statement, BEFORE the page query, so that the page's snapshot sees every row below it.
 */
export const SAFE_HORIZON_SQL = `
  SELECT to_char(least(now(), min(CASE WHEN backend_xid IS NOT NULL THEN xact_start ELSE query_start END)) AT TIME ZONE 'UTC', ${MICROSECOND_TEXT}) AS horizon
    FROM pg_stat_activity
   WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
     AND xact_start IS NOT NULL AND (backend_xid IS NOT NULL OR state NOT LIKE 'idle%')`;

/** Which stored versions belong to a collection; RED belongs to none, whoever asks. */
function scopeCondition(scope: SelectionScope, params: SqlParams): string {
  switch (scope.kind) {
    case 'all':
      return 'true';
    case 'tlp':
      return `o.tlp = ${tlpRank(scope.tlp)}`;
    case 'group':
      // The reader token of a sharing group (see @hub/access reader tokens); `<> '{}'` lets the planner use the readers index (restricted rows only).
      return `o.tlp BETWEEN ${AMBER} AND ${AMBER_STRICT} AND o.readers <> '{}' AND o.readers @> ARRAY[${params.bind(`group:${scope.groupId}`)}]::text[]`;
    case 'submit':
      return 'false';
  }
}

/**
 * match[version] in SQL. "last" is the feed's own rule (the latest version the viewer may read);
 * the others take any readable version of an object whose latest readable version passes the
 * feed's rule too, so a relationship to something withheld stays hidden in every version.
 */
function versionCondition(viewer: Viewer, versions: VersionMatch, params: SqlParams): string {
  const readable = (alias: string) => readableCondition(viewer, alias, params.bind);
  const latestIsVisible = () => `EXISTS (SELECT 1 FROM stix_object latest WHERE latest.id = o.id AND ${readableObjectsWhere(viewer, {}, params, 'latest')})`;
  if (versions.all) return `(${readable('o')} AND ${latestIsVisible()})`;
  const choices: string[] = [];
  if (versions.last) choices.push(`(${readableObjectsWhere(viewer, {}, params, 'o')})`);
  if (versions.first) {
    choices.push(
      `(${readable('o')} AND NOT EXISTS (SELECT 1 FROM stix_object older WHERE older.id = o.id AND older.modified < o.modified AND ${readable('older')}) AND ${latestIsVisible()})`,
    );
  }
  if (versions.timestamps.length) {
    // The version a manifest record names (see versionOf): modified, else created, else date_added (a cyber observable).
    choices.push(`(${readable('o')} AND COALESCE(o.modified, o.created, o.date_added) = ANY(${params.bind(versions.timestamps)}::timestamptz[]) AND ${latestIsVisible()})`);
  }
  return `(${choices.join(' OR ')})`;
}

/** One page of a collection's objects in (date_added, pk) order: objects, manifest, one object and its versions all read through here. */
export function taxiiPageSql(viewer: Viewer, selection: TaxiiSelection, params: SqlParams): string {
  const { bind } = params;
  const conditions = [`o.tlp < ${RED}`, scopeCondition(selection.scope, params), versionCondition(viewer, selection.versions, params)];
  if (selection.ids.length) conditions.push(`o.id = ANY(${bind(selection.ids)}::text[])`);
  if (selection.types.length) conditions.push(`o.type = ANY(${bind(selection.types)}::text[])`);
  if (selection.specVersions.length) conditions.push(`o.spec_version = ANY(${bind(selection.specVersions)}::text[])`);
  if (selection.minScore !== undefined) {
    conditions.push(`(o.type <> 'indicator' OR EXISTS (SELECT 1 FROM indicator_score scored WHERE scored.object_pk = o.pk AND scored.score >= ${bind(selection.minScore)}::smallint))`);
  }
  if (selection.addedAfter) conditions.push(`o.date_added > ${bind(selection.addedAfter)}::timestamptz`);
  if (selection.after) {
    const dateAdded = bind(selection.after.dateAdded);
    // Written so that the date_added index bounds the scan; the pk settles rows added in the same microsecond.
    conditions.push(`o.date_added >= ${dateAdded}::timestamptz AND (o.date_added > ${dateAdded}::timestamptz OR o.pk > ${bind(selection.after.pk)}::bigint)`);
  }
  conditions.push(`o.date_added < ${bind(selection.horizon)}::timestamptz`);
  return `SELECT ${objectColumns(viewer, params)}, to_char(o.date_added AT TIME ZONE 'UTC', ${MICROSECOND_TEXT}) AS date_added_text
    FROM stix_object o ${SOURCE_JOIN}
   WHERE ${conditions.join('\n     AND ')}
   ORDER BY o.date_added, o.pk
   LIMIT ${bind(selection.limit + 1)}`;
}
