import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MemberViewer, readableCondition, Viewer } from '@hub/access';
import { FeedService, SqlParams } from '@hub/sharing';
import { DataSource } from 'typeorm';
import { TaxiiCollection } from '../collections/collection-catalog';
import { TaxiiPage, TaxiiRow } from '../query/envelope';
import { isStixIdentifier } from '../query/query-values';
import { MAX_PAGE_SIZE, TaxiiQuery } from '../query/taxii-query';
import { MICROSECOND_TEXT, SAFE_HORIZON_SQL, SelectionScope, taxiiPageSql } from './taxii-objects.sql';
import { taxiiReader } from './taxii-reader';

/** Every TAXII read of stored objects: one page in (date_added, pk) order, below the safe horizon, as taxiiReader reads. */
@Injectable()
export class TaxiiObjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: FeedService,
  ) {}

  page(caller: Viewer, collection: TaxiiCollection, query: TaxiiQuery, objectId?: string): Promise<TaxiiPage> {
    return this.pageIn(caller, collection.scope, query, objectId);
  }

  /**
   * What a DELETE of `objectId` in this collection would withdraw: the versions its filters select,
   * and the object's latest version there. On Submit (which holds nothing to read) every version
   * TAXII carries for the caller counts: it is where a SIEM withdraws what it pushed.
   */
  async deletion(caller: Viewer, collection: TaxiiCollection, objectId: string, query: TaxiiQuery): Promise<{ selected: TaxiiRow[]; latest?: TaxiiRow }> {
    const scope: SelectionScope = collection.scope.kind === 'submit' ? { kind: 'all' } : collection.scope;
    const selection = { limit: MAX_PAGE_SIZE, ids: [], types: [], specVersions: query.specVersions, versions: query.versions };
    const { rows: selected } = await this.pageIn(caller, scope, selection, objectId);
    const { rows: latest } = await this.pageIn(caller, scope, { ...selection, specVersions: [], limit: 1, versions: { all: false, first: false, last: true, timestamps: [] } }, objectId);
    return { selected, latest: latest[0] };
  }

  private async pageIn(caller: Viewer, scope: SelectionScope, query: Pick<TaxiiQuery, 'limit' | 'ids' | 'types' | 'specVersions' | 'versions' | 'addedAfter' | 'next' | 'minScore'>, objectId?: string): Promise<TaxiiPage> {
    // An id from the path that is no STIX identifier names no stored object (and a NUL byte would fail the query).
    if (objectId !== undefined && !isStixIdentifier(objectId)) return { rows: [], more: false };
    const viewer = taxiiReader(caller);
    // First the horizon, then (a new statement, a new snapshot) the page: see SAFE_HORIZON_SQL.
    const [{ horizon }] = await this.dataSource.query<{ horizon: string }[]>(SAFE_HORIZON_SQL);
    const params = new SqlParams();
    const sql = taxiiPageSql(
      viewer,
      {
        scope,
        ids: objectId ? [objectId] : query.ids,
        types: query.types,
        specVersions: query.specVersions,
        versions: query.versions,
        minScore: query.minScore,
        addedAfter: query.addedAfter,
        after: query.next,
        horizon,
        limit: query.limit,
      },
      params,
    );
    const rows = await this.feed.readRows<TaxiiRow>(viewer, sql, params.values);
    return { rows: rows.slice(0, query.limit), more: rows.length > query.limit };
  }

  /** Of these ids (anything), those of objects the organisation shared anonymously, in any version. */
  async anonymouslySharedIds(organizationId: string, ids: string[]): Promise<Set<string>> {
    const stixIds = [...new Set(ids.filter(isStixIdentifier))];
    if (!stixIds.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT id FROM stix_object WHERE id = ANY($1::text[]) AND source_org_id = $2::uuid AND anonymous',
      [stixIds, organizationId],
    );
    return new Set(rows.map((row) => row.id));
  }

  /**
   * When the organisation's cyber observables among these ids were added (they have no version of
   * their own: TAXII names them by that date, as the manifest does), by id. The organisation may
   * hold one at several reaches: only rows TAXII carries for the caller answer, the latest of them
   * (the one just stored, when a submission stored one), so a status never dates a row it may not read.
   */
  async observablesAdded(caller: MemberViewer, ids: string[]): Promise<Map<string, string>> {
    const stixIds = [...new Set(ids.filter(isStixIdentifier))];
    if (!stixIds.length) return new Map();
    const params = new SqlParams();
    const readable = readableCondition(taxiiReader(caller), 'o', params.bind);
    const rows: { id: string; date_added: string }[] = await this.dataSource.query(
      `SELECT id, to_char(max(date_added) AT TIME ZONE 'UTC', ${MICROSECOND_TEXT}) AS date_added
         FROM stix_object o
        WHERE id = ANY(${params.bind(stixIds)}::text[]) AND source_org_id = ${params.bind(caller.organizationId)}::uuid AND modified IS NULL AND ${readable}
        GROUP BY id`,
      params.values,
    );
    return new Map(rows.map((row) => [row.id, row.date_added]));
  }

  /** Whether any version of the object is in the collection for this viewer (absent and unreadable look the same). */
  async exists(viewer: Viewer, collection: TaxiiCollection, objectId: string): Promise<boolean> {
    const page = await this.page(viewer, collection, { limit: 1, ids: [], types: [], specVersions: [], versions: { all: true, first: false, last: false, timestamps: [] } }, objectId);
    return page.rows.length > 0;
  }
}
