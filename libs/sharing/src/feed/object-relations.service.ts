import { Injectable } from '@nestjs/common';
import { Viewer } from '@hub/access';
import { SqlParams } from '../store/sql-params';
import { FeedService, ObjectPage } from './feed.service';
import { objectColumns, readableObjectsWhere, SOURCE_JOIN } from './readable-objects.sql';
import { StixObjectRow } from './stix-object.row';

/** SQL: the row stands on `id` (a relationship with it as one end, a sighting of it); GIN index on required_refs. */
function standsOn(id: string) {
  return (params: SqlParams) => `o.required_refs && ARRAY[${params.bind(id)}]::text[]`;
}

/**
 * What the object page shows around one object: its history, the relationships it is an end of and
 * its sightings. Every read is the feed's (readableObjectsWhere): each row is readable to the viewer,
 * and a relationship or sighting is shown only when the viewer may follow every object it stands on
 * (docs/sharing.md, "References"), so its other end is never a hidden object.
 */
@Injectable()
export class ObjectRelationsService {
  constructor(private readonly feed: FeedService) {}

  /** The versions of `id` the viewer may read, each judged on its own marking and audience, newest first. */
  versions(viewer: Viewer, id: string, first: number): Promise<StixObjectRow[]> {
    const params = new SqlParams();
    const columns = objectColumns(viewer, params);
    const where = readableObjectsWhere(viewer, {}, params, 'o', { everyVersion: true });
    return this.feed.readRows(
      viewer,
      `SELECT ${columns} FROM stix_object o ${SOURCE_JOIN} WHERE o.id = ${params.bind(id)} AND ${where} ORDER BY o.modified DESC NULLS LAST, o.pk DESC LIMIT ${first}`,
      params.values,
    );
  }

  countVersions(viewer: Viewer, id: string): Promise<number> {
    return this.feed.count(viewer, {}, (params) => `o.id = ${params.bind(id)}`, { everyVersion: true });
  }

  /** Relationships (not revoked, latest readable version) with `id` as their source or target. */
  relationships(viewer: Viewer, id: string, first: number, after?: string): Promise<ObjectPage> {
    return this.feed.page(viewer, { types: ['relationship'], revoked: false }, first, after, standsOn(id));
  }

  countRelationships(viewer: Viewer, id: string): Promise<number> {
    return this.feed.count(viewer, { types: ['relationship'], revoked: false }, standsOn(id));
  }

  /** Sightings (not revoked, latest readable version) of `id`. */
  sightings(viewer: Viewer, id: string, first: number, after?: string): Promise<ObjectPage> {
    return this.feed.page(viewer, { types: ['sighting'], revoked: false }, first, after, standsOn(id));
  }

  countSightings(viewer: Viewer, id: string): Promise<number> {
    return this.feed.count(viewer, { types: ['sighting'], revoked: false }, standsOn(id));
  }
}
