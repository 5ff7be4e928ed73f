import { Injectable, OnModuleInit } from '@nestjs/common';
import { Viewer } from '@hub/access';
import { CursorSeal } from '@hub/platform';
import { IS_HOST } from '../migrations/1763900000000-sharing';
import { PreparedQueries } from '../store/prepared-queries';
import { SqlParams } from '../store/sql-params';
import { CursorCodec } from './cursor';
import { ObjectFilter } from './object-filter';
import { followableRefCondition, objectColumns, readableObjectsWhere, SOURCE_JOIN, streamedObjectColumns } from './readable-objects.sql';
import { StixObjectRow, StreamedObjectRow } from './stix-object.row';
import { mayReferToCheckedIds, referencedIds, withoutWithheldRefs } from './withheld-refs';

export interface ObservableMatches {
  /** Readable objects that mention the observable, newest first. */
  matches: StixObjectRow[];
  /** Readable sightings of the matching indicators, newest first. */
  sightings: StixObjectRow[];
}

export interface ObjectPage {
  rows: StixObjectRow[];
  hasNextPage: boolean;
  endCursor: string | null;
  cursorOf(row: StixObjectRow): string;
}

/** An SQL condition on the row `o`, binding its values through `params`. */
export type ExtraCondition = (params: SqlParams) => string;

export interface ExtraConditionOptions {
  /**
   * The condition picks the rows by key, whatever the values bound (libs/intel's correlation: an
   * array of candidate pks computed first): its best plan is the same for every value, so it is
   * planned once per connection (planning it cost several times its 0.4 ms run).
   */
  keyed?: boolean;
}

/**
 * An SQL condition on the row `o` for one key of a batch: `key` is the SQL expression of that key
 * (a bigint), e.g. libs/intel's "shares an observable with the row `key`". As ExtraCondition, it is
 * ANDed to the readable condition, so it can only narrow what the viewer reads.
 */
export type KeyedCondition = (key: string, params: SqlParams) => string;

/**
 * A KeyedCondition, with what it needs of all the keys at once: `with` gives common table
 * expressions (`name AS (…)`, comma-separated) computed once per statement from the keys (`keys`:
 * the SQL of the bigint[] of every key), which `condition` may read. E.g. libs/intel judges each
 * distinct observable of the batch once, not once per row holding it.
 */
export interface KeyedExtra {
  with?: (keys: string, params: SqlParams) => string;
  condition: KeyedCondition;
}

/**
 * What a read for many keys at once shares: the keys as one parameter (`keyList`, a bigint[] once
 * cast), the KeyedExtra's common table expressions (`prelude`), and the condition on the row `o`
 * for the key `page_key.pk`: the viewer's readable condition and the extra one for that key.
 */
function keyedRead(viewer: Viewer, keys: string[], extra: KeyedExtra, params: SqlParams): { keyList: string; prelude: string; where: string } {
  const keyList = params.bind(keys);
  const prelude = extra.with ? `WITH ${extra.with(`${keyList}::bigint[]`, params)}\n` : '';
  const where = `${readableObjectsWhere(viewer, {}, params)}\n  AND (${extra.condition('page_key.pk', params)})`;
  return { keyList, prelude, where };
}

function withExtra(where: string, extra: ExtraCondition | undefined, params: SqlParams): string {
  return extra ? `${where}\n  AND (${extra(params)})` : where;
}

// Look-ups answer with at most this many indicators, sightings and observables each.
const LOOKUP_LIMIT = 500;

function isUnfiltered(filter: ObjectFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}

/** A page size safe to write into SQL text: callers validate it for their users; this guards the SQL. */
function pageLimit(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > 10_000) throw new RangeError(`page size ${first} is not an integer from 1 to 10000`);
  return first;
}

/** Every read of stored objects: feed pages, single objects, counts and observable look-ups. */
@Injectable()
export class FeedService implements OnModuleInit {
  private cursors!: CursorCodec;
  /** Seals paging cursors under the hub's cursor secret (TAXII's `next` too). */
  cursorSeal!: CursorSeal;

  constructor(private readonly queries: PreparedQueries) {}

  async onModuleInit(): Promise<void> {
    const [secret] = await this.queries.rows<{ value: string }>(`SELECT value FROM hub_secret WHERE name = 'cursor'`, []);
    this.cursorSeal = new CursorSeal(secret.value);
    this.cursors = new CursorCodec(this.cursorSeal);
  }

  /**
   * `extra` adds a condition on the row `o` (e.g. libs/intel's "shares an observable with"); it is
   * ANDed to the readable condition, so it can only narrow what the viewer reads.
   */
  async page(viewer: Viewer, filter: ObjectFilter, first: number, after?: string, extra?: ExtraCondition, { keyed = false }: ExtraConditionOptions = {}): Promise<ObjectPage> {
    const params = new SqlParams();
    const afterPk = after === undefined ? undefined : this.cursors.decode(after);
    const columns = objectColumns(viewer, params);
    const where = withExtra(readableObjectsWhere(viewer, filter, params), extra, params);
    const continuation = afterPk === undefined ? '' : ` AND o.pk < ${params.bind(afterPk)}::bigint`;
    // The limit is written into the statement, not bound: PostgreSQL's generic plan for a bound
    // LIMIT is slow on this query (see docs/sharing.md), and page sizes are few.
    // Unfiltered, the best plan walks the newest rows whoever asks; a filter's best plan depends on its values.
    const read = (isUnfiltered(filter) && !extra) || (keyed && extra) ? this.queries.rowsWithGenericPlan.bind(this.queries) : this.queries.rows.bind(this.queries);
    const rows: StixObjectRow[] = await read(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE ${where}${continuation} ORDER BY o.pk DESC LIMIT ${pageLimit(first) + 1}`,
      params.values,
    );
    const hasNextPage = rows.length > first;
    const pageRows = await this.withoutWithheldRefs(viewer, rows.slice(0, first));
    const last = pageRows[pageRows.length - 1];
    return {
      rows: pageRows,
      hasNextPage,
      endCursor: last ? this.cursors.encode(last.pk) : null,
      cursorOf: (row) => this.cursors.encode(row.pk),
    };
  }

  /**
   * The first page of each key at once, in one statement: for each key, the newest `first` rows the
   * viewer may read that meet `extra` for that key, as `page` would answer them one key at a time
   * (the same readable condition, LIMIT, order and withheld references). One round trip for the
   * "also in" of every indicator of a look-up instead of one per indicator. The condition picks the
   * rows by key (as `keyed`), so the plan is made once per connection.
   */
  async firstPagesByKey(viewer: Viewer, keys: string[], first: number, extra: KeyedExtra): Promise<Map<string, ObjectPage>> {
    const pages = new Map<string, ObjectPage>();
    if (!keys.length) return pages;
    const params = new SqlParams();
    const { keyList, prelude, where } = keyedRead(viewer, keys, extra, params);
    const columns = objectColumns(viewer, params);
    const rows: (StixObjectRow & { page_key: string })[] = await this.queries.rowsWithGenericPlan(
      `${prelude}SELECT page_key.pk::text AS page_key, page.* FROM unnest(${keyList}::bigint[]) WITH ORDINALITY AS page_key(pk, n)
       CROSS JOIN LATERAL (SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE ${where} ORDER BY o.pk DESC LIMIT ${pageLimit(first) + 1}) page
       ORDER BY page_key.n, page.pk DESC`,
      params.values,
    );
    const byKey = new Map<string, StixObjectRow[]>();
    for (const { page_key: key, ...row } of rows) byKey.set(key, [...(byKey.get(key) ?? []), row]);
    // Withheld references of every page in one statement; the rows keep their order.
    const pageRowsOf = new Map(keys.map((key) => [key, (byKey.get(key) ?? []).slice(0, first)]));
    const visible = await this.withoutWithheldRefs(viewer, [...pageRowsOf.values()].flat());
    let next = 0;
    for (const key of keys) {
      const pageRows = visible.slice(next, next + pageRowsOf.get(key)!.length);
      next += pageRows.length;
      const last = pageRows[pageRows.length - 1];
      pages.set(key, {
        rows: pageRows,
        hasNextPage: (byKey.get(key)?.length ?? 0) > first,
        endCursor: last ? this.cursors.encode(last.pk) : null,
        cursorOf: (row) => this.cursors.encode(row.pk),
      });
    }
    return pages;
  }

  /** As `count` with a KeyedCondition, for each key at once (one statement). */
  async countsByKey(viewer: Viewer, keys: string[], extra: KeyedExtra): Promise<Map<string, number>> {
    if (!keys.length) return new Map();
    const params = new SqlParams();
    const { keyList, prelude, where } = keyedRead(viewer, keys, extra, params);
    const rows = await this.queries.rowsWithGenericPlan<{ page_key: string; count: number }>(
      `${prelude}SELECT page_key.pk::text AS page_key, (SELECT count(*)::int FROM stix_object o WHERE ${where}) AS count FROM unnest(${keyList}::bigint[]) AS page_key(pk)`,
      params.values,
    );
    return new Map(rows.map((row) => [row.page_key, row.count]));
  }

  /**
   * Every row the viewer may read that matches the filter, newest first, in batches: what an export
   * streams (hook for @hub/exports). One query in two parts read at once through cursors
   * (PreparedQueries.batches), each walking pk downwards with the filters applied on the way, so
   * each row is read once and each plan is made once; the rows are those of the snapshot the export
   * started with. Each object comes as JSON text, references withheld as on every read (see
   * withoutWithheldRefsInText). Memory holds at most five batches: the one being written, the next
   * being audited (the exporter's), and each part's current and next.
   */
  async *batches(viewer: Viewer, filter: ObjectFilter, batchSize: number): AsyncGenerator<StreamedObjectRow[]> {
    const params = new SqlParams();
    const columns = streamedObjectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, filter, params);
    // No join with the source: the columns need nothing of it, and it filters nothing (organisations
    // are never deleted: MembersNeverDeleted1766000000003). Read in two parts at once, the even and
    // the odd keys (PreparedQueries.batches merges them by key): the same condition in each, the
    // split only ANDed to it, so each part is a subset of what the viewer may read, and together
    // they are all of it. PostgreSQL's per-row work for the access conditions bounded one cursor.
    const parts = ['o.pk % 2 = 0', 'o.pk % 2 <> 0'].map((part) => `SELECT o.pk, ${columns} FROM stix_object o WHERE (${where}) AND ${part} ORDER BY o.pk DESC`);
    for await (const rows of this.queries.batches<StreamedRowAsRead>(parts, params.values, batchSize)) {
      yield await this.withoutWithheldRefsInText(viewer, rows);
    }
  }

  /** `everyVersion`: count each readable version, not only the latest (see readableObjectsWhere); `keyed`: as for page. */
  async count(viewer: Viewer, filter: ObjectFilter, extra?: ExtraCondition, { everyVersion = false, keyed = false }: { everyVersion?: boolean } & ExtraConditionOptions = {}): Promise<number> {
    const params = new SqlParams();
    const where = withExtra(readableObjectsWhere(viewer, filter, params, 'o', { everyVersion }), extra, params);
    const read = keyed && extra ? this.queries.rowsWithGenericPlan.bind(this.queries) : this.queries.rows.bind(this.queries);
    const [{ count }] = await read<{ count: number }>(`SELECT count(*)::int AS count FROM stix_object o WHERE ${where}`, params.values);
    return count;
  }

  /** The latest version of `id` the viewer may read, or null: absent and unreadable look the same. */
  async findOne(viewer: Viewer, id: string): Promise<StixObjectRow | null> {
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, {}, params);
    const [row] = await this.queries.rowsWithGenericPlan<StixObjectRow>(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE o.id = ${params.bind(id)} AND ${where} ORDER BY o.pk DESC LIMIT 1`,
      params.values,
    );
    if (!row) return null;
    const [visible] = await this.withoutWithheldRefs(viewer, [row]);
    return visible;
  }

  /**
   * Of the rows just stored (by pk), those the viewer may read and that match the filter, oldest
   * first: what a live subscription delivers (hook for @hub/alerts).
   */
  async findAdded(viewer: Viewer, filter: ObjectFilter, pks: string[]): Promise<StixObjectRow[]> {
    if (!pks.length) return [];
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, filter, params);
    const rows: StixObjectRow[] = await this.queries.rowsWithGenericPlan(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE o.pk = ANY(${params.bind(pks)}::bigint[]) AND ${where} ORDER BY o.pk`,
      params.values,
    );
    return this.withoutWithheldRefs(viewer, rows);
  }

  /** The latest version the viewer may read of each of these ids; absent and unreadable ids are left out (hook for @hub/alerts). */
  async findLatest(viewer: Viewer, ids: string[]): Promise<StixObjectRow[]> {
    if (!ids.length) return [];
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, {}, params);
    const rows: StixObjectRow[] = await this.queries.rowsWithGenericPlan(
      `SELECT DISTINCT ON (o.id) ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE o.id = ANY(${params.bind(ids)}::text[]) AND ${where} ORDER BY o.id, o.pk DESC`,
      params.values,
    );
    return this.withoutWithheldRefs(viewer, rows);
  }

  /**
   * What a look-up answers, in one round trip: the readable objects whose observables match (the
   * exact value, and for an address the networks around it), and the readable sightings of the
   * matching indicators.
   */
  async lookUp(viewer: Viewer, observable: { type: string; value: string }, matchAddress: boolean, filter: Pick<ObjectFilter, 'minScore' | 'excludeDecayed'> = {}): Promise<ObservableMatches> {
    const params = new SqlParams();
    const type = params.bind(observable.type);
    const value = params.bind(observable.value);
    // An address finds the networks around it; a network also finds the hosts inside it.
    const byAddress = matchAddress
      ? ` OR (type = ${type} AND address IS NOT NULL AND NOT ${IS_HOST} AND address && ${value}::inet)
          OR (type = ${type} AND address IS NOT NULL AND ${IS_HOST} AND address BETWEEN host(network(${value}::inet))::inet AND host(broadcast(${value}::inet))::inet)`
      : '';
    // The sightings come from the few rows whose required_refs name a matching indicator (GIN
    // index). OFFSET 0 keeps the type condition out of that scan: ANDed in as a second index, it
    // would put every sighting of the hub into the bitmap (26 ms instead of 0.5 on a million rows).
    const rows: (StixObjectRow & { is_sighting_of_match: boolean })[] = await this.queries.rowsWithGenericPlan(
      `WITH matched AS (
         SELECT ${objectColumns(viewer, params)} FROM stix_object o ${SOURCE_JOIN}
         WHERE o.pk IN (SELECT object_pk FROM stix_observable WHERE (type = ${type} AND value = ${value})${byAddress})
           AND ${readableObjectsWhere(viewer, filter, params)}
         ORDER BY o.pk DESC LIMIT ${LOOKUP_LIMIT})
       SELECT false AS is_sighting_of_match, * FROM matched
       UNION ALL
       (SELECT true, ${objectColumns(viewer, params)}
        FROM (SELECT * FROM stix_object WHERE required_refs && ARRAY(SELECT id FROM matched WHERE type = 'indicator') OFFSET 0) o ${SOURCE_JOIN}
        WHERE ${readableObjectsWhere(viewer, { types: ['sighting'] }, params)}
        ORDER BY o.pk DESC LIMIT ${LOOKUP_LIMIT})`,
      params.values,
    );
    // withoutWithheldRefs keeps the rows in their order, so each keeps its place in `rows`.
    const visible = await this.withoutWithheldRefs(viewer, rows);
    return {
      matches: visible.filter((_, index) => !rows[index].is_sighting_of_match),
      sightings: visible.filter((_, index) => rows[index].is_sighting_of_match),
    };
  }

  /**
   * Runs a read another feature built from readableObjectsWhere / readableCondition and
   * objectColumns (hook for @hub/taxii), without withheld references. TAXII pages walk date_added
   * whatever the values bound, so they take the generic plan (and no JIT, which cost a 1,000-object
   * page half its time).
   */
  async readRows<T extends StixObjectRow>(viewer: Viewer, sql: string, values: unknown[]): Promise<T[]> {
    return (await this.withoutWithheldRefs(viewer, await this.queries.rowsWithGenericPlan<T>(sql, values))) as T[];
  }

  /**
   * Drops the references the viewer may not follow (see followableRefCondition): whether the object
   * named is stored and hidden or not stored at all makes no difference to the answer, and the
   * second statement runs whenever the rows refer to anything, whatever the database holds. A person
   * sees what they submitted themselves as they submitted it: they wrote every id in it.
   */
  private async withoutWithheldRefs<T extends StixObjectRow>(viewer: Viewer, rows: T[]): Promise<T[]> {
    const checked = rows.filter((row) => !row.own_submission);
    const followable = await this.followable(viewer, checked.flatMap((row) => referencedIds(row.stix)));
    if (!followable) return rows;
    return rows.map((row) => (row.own_submission ? row : { ...row, stix: withoutWithheldRefs(row.stix, followable) }));
  }

  /**
   * As withoutWithheldRefs, on objects as JSON text: only the rows whose text may refer to an id to
   * check (mayReferToCheckedIds, no parsing) are parsed; a row that loses a reference is written
   * again (JSON.stringify), every other row keeps its text as the database gave it.
   */
  private async withoutWithheldRefsInText(viewer: Viewer, rows: StreamedRowAsRead[]): Promise<StreamedObjectRow[]> {
    const parsed = new Map<StreamedRowAsRead, Record<string, unknown>>();
    for (const row of rows) {
      if (!row.own_submission && mayReferToCheckedIds(row.json, row.exempt_reference_keys)) parsed.set(row, JSON.parse(row.json) as Record<string, unknown>);
    }
    const followable = await this.followable(viewer, [...parsed.values()].flatMap(referencedIds));
    if (followable) {
      for (const [row, stix] of parsed) {
        const kept = withoutWithheldRefs(stix, followable);
        if (kept !== stix) row.json = JSON.stringify(kept);
      }
    }
    return rows;
  }

  /** Which of these ids the viewer may follow, in one statement; undefined when there are none to check. */
  private async followable(viewer: Viewer, referenced: string[]): Promise<Set<string> | undefined> {
    const ids = [...new Set(referenced)];
    if (!ids.length) return undefined;
    const params = new SqlParams();
    const found: { id: string }[] = await this.queries.rowsWithGenericPlan(
      `SELECT ref.id FROM unnest(${params.bind(ids)}::text[]) AS ref(id) WHERE ${followableRefCondition(viewer, 'ref.id', params)}`,
      params.values,
    );
    return new Set(found.map((row) => row.id));
  }
}

/** A row of streamedObjectColumns as the cursor returns it. */
interface StreamedRowAsRead extends StreamedObjectRow {
  pk: string;
  own_submission: boolean;
  exempt_reference_keys: number | null;
}
