import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Viewer } from '@hub/access';
import { FeedService, SqlParams } from '@hub/sharing';
import { DataSource } from 'typeorm';
import { TaxiiCollection } from '../collections/collection-catalog';
import { TaxiiPage, TaxiiRow } from '../query/envelope';
import { TaxiiQuery } from '../query/taxii-query';
import { SAFE_HORIZON_SQL, taxiiPageSql } from './taxii-objects.sql';
import { taxiiReader } from './taxii-reader';

/** Every TAXII read of stored objects: one page in (date_added, pk) order, below the safe horizon, as taxiiReader reads. */
@Injectable()
export class TaxiiObjectsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: FeedService,
  ) {}

  async page(caller: Viewer, collection: TaxiiCollection, query: TaxiiQuery, objectId?: string): Promise<TaxiiPage> {
    const viewer = taxiiReader(caller);
    // First the horizon, then (a new statement, a new snapshot) the page: see SAFE_HORIZON_SQL.
    const [{ horizon }] = await this.dataSource.query<{ horizon: string }[]>(SAFE_HORIZON_SQL);
    const params = new SqlParams();
    const sql = taxiiPageSql(
      viewer,
      {
        scope: collection.scope,
        ids: objectId ? [objectId] : query.ids,
        types: query.types,
        specVersions: query.specVersions,
        versions: query.versions,
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

  /** Whether any version of the object is in the collection for this viewer (absent and unreadable look the same). */
  async exists(viewer: Viewer, collection: TaxiiCollection, objectId: string): Promise<boolean> {
    const page = await this.page(viewer, collection, { limit: 1, ids: [], types: [], specVersions: [], versions: { all: true, first: false, last: false, timestamps: [] } }, objectId);
    return page.rows.length > 0;
  }
}
