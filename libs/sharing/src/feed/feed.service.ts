import { Injectable, OnModuleInit } from '@nestjs/common';
import { readableCondition, Viewer } from '@hub/access';
import { IS_HOST } from '../migrations/1763900000000-sharing';
import { PreparedQueries } from '../store/prepared-queries';
import { SqlParams } from '../store/sql-params';
import { CursorCodec } from './cursor';
import { ObjectFilter } from './object-filter';
import { objectColumns, readableObjectsWhere, SOURCE_JOIN } from './readable-objects.sql';
import { StixObjectRow } from './stix-object.row';
import { referencedIds, withoutWithheldRefs } from './withheld-refs';

export interface ObjectPage {
  rows: StixObjectRow[];
  hasNextPage: boolean;
  endCursor: string | null;
  cursorOf(row: StixObjectRow): string;
}

// Look-ups answer with at most this many indicators, sightings and observables each.
const LOOKUP_LIMIT = 500;

/** Every read of stored objects: feed pages, single objects, counts and observable look-ups. */
@Injectable()
export class FeedService implements OnModuleInit {
  private cursors!: CursorCodec;

  constructor(private readonly queries: PreparedQueries) {}

  async onModuleInit(): Promise<void> {
    const [secret] = await this.queries.rows<{ value: string }>(`SELECT value FROM hub_secret WHERE name = 'cursor'`, []);
    this.cursors = new CursorCodec(secret.value);
  }

  async page(viewer: Viewer, filter: ObjectFilter, first: number, after?: string): Promise<ObjectPage> {
    const params = new SqlParams();
    const afterPk = after === undefined ? undefined : this.cursors.decode(after);
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, filter, params);
    const continuation = afterPk === undefined ? '' : ` AND o.pk < ${params.bind(afterPk)}::bigint`;
    const rows: StixObjectRow[] = await this.queries.rows(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE ${where}${continuation} ORDER BY o.pk DESC LIMIT ${params.bind(first + 1)}`,
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

  async count(viewer: Viewer, filter: ObjectFilter): Promise<number> {
    const params = new SqlParams();
    const where = readableObjectsWhere(viewer, filter, params);
    const [{ count }] = await this.queries.rows<{ count: number }>(`SELECT count(*)::int AS count FROM stix_object o WHERE ${where}`, params.values);
    return count;
  }

  /** The latest version of `id` the viewer may read, or null: absent and unreadable look the same. */
  async findOne(viewer: Viewer, id: string): Promise<StixObjectRow | null> {
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, {}, params);
    const [row] = await this.queries.rows<StixObjectRow>(
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
    const rows: StixObjectRow[] = await this.queries.rows(
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
    const rows: StixObjectRow[] = await this.queries.rows(
      `SELECT DISTINCT ON (o.id) ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE o.id = ANY(${params.bind(ids)}::text[]) AND ${where} ORDER BY o.id, o.pk DESC`,
      params.values,
    );
    return this.withoutWithheldRefs(viewer, rows);
  }

  /** Readable objects whose observables match: the exact value, and for an address the networks around it. */
  async findByObservable(viewer: Viewer, observable: { type: string; value: string }, matchAddress: boolean): Promise<StixObjectRow[]> {
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, {}, params);
    const type = params.bind(observable.type);
    const value = params.bind(observable.value);
    // An address finds the networks around it; a network also finds the hosts inside it.
    const byAddress = matchAddress
      ? ` OR (type = ${type} AND address IS NOT NULL AND NOT ${IS_HOST} AND address && ${value}::inet)
          OR (type = ${type} AND address IS NOT NULL AND ${IS_HOST} AND address BETWEEN host(network(${value}::inet))::inet AND host(broadcast(${value}::inet))::inet)`
      : '';
    const rows: StixObjectRow[] = await this.queries.rows(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN}
       WHERE o.pk IN (SELECT object_pk FROM stix_observable WHERE (type = ${type} AND value = ${value})${byAddress})
         AND ${where}
       ORDER BY o.pk DESC LIMIT ${LOOKUP_LIMIT}`,
      params.values,
    );
    return this.withoutWithheldRefs(viewer, rows);
  }

  /** Readable sightings of any of the given objects. */
  async findSightingsOf(viewer: Viewer, ids: string[]): Promise<StixObjectRow[]> {
    if (!ids.length) return [];
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, { types: ['sighting'] }, params);
    const rows: StixObjectRow[] = await this.queries.rows(
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN}
       WHERE o.required_refs && ${params.bind(ids)}::text[] AND ${where}
       ORDER BY o.pk DESC LIMIT ${LOOKUP_LIMIT}`,
      params.values,
    );
    return this.withoutWithheldRefs(viewer, rows);
  }

  /** Drops references to stored objects that have no version the viewer may read. */
  private async withoutWithheldRefs(viewer: Viewer, rows: StixObjectRow[]): Promise<StixObjectRow[]> {
    const ids = [...new Set(rows.flatMap((row) => referencedIds(row.stix)))];
    if (!ids.length) return rows;
    const params = new SqlParams();
    const idsParam = params.bind(ids);
    const withheld: { id: string }[] = await this.queries.rows(
      `SELECT DISTINCT stored.id FROM stix_object stored
       WHERE stored.id = ANY(${idsParam}::text[])
         AND NOT EXISTS (SELECT 1 FROM stix_object visible WHERE visible.id = stored.id AND ${readableCondition(viewer, 'visible', params.bind)})`,
      params.values,
    );
    if (!withheld.length) return rows;
    const hidden = new Set(withheld.map((row) => row.id));
    return rows.map((row) => ({ ...row, stix: withoutWithheldRefs(row.stix, hidden) }));
  }
}
