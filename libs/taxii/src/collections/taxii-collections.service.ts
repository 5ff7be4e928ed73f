import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isMember, Viewer } from '@hub/access';
import { HubError } from '@hub/platform';
import { DataSource } from 'typeorm';
import { collectionsFor, SharingGroupSummary, TaxiiCollection } from './collection-catalog';

/** The collections of the caller, built per request so that a change of group membership applies at once. */
@Injectable()
export class TaxiiCollectionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(viewer: Viewer): Promise<TaxiiCollection[]> {
    const groups: SharingGroupSummary[] =
      isMember(viewer) && viewer.sharingGroupIds.length
        ? await this.dataSource.query('SELECT id::text AS id, name FROM sharing_group WHERE id = ANY($1::uuid[])', [viewer.sharingGroupIds])
        : [];
    return collectionsFor(viewer, groups);
  }

  /**
   * The caller's collection with this id. The public is asked to authenticate (401) for any
   * other id; a member gets 404 for a collection that is not theirs, so the ids of other
   * organisations' sharing groups are never confirmed.
   */
  async find(viewer: Viewer, id: string): Promise<TaxiiCollection> {
    const collection = (await this.list(viewer)).find((candidate) => candidate.id === id);
    if (collection) return collection;
    if (!isMember(viewer)) throw HubError.unauthenticated('Authenticate with an API key to see more than the TLP:CLEAR collection');
    throw HubError.notFound(`No collection ${id} is available to you`);
  }

  async findReadable(viewer: Viewer, id: string): Promise<TaxiiCollection> {
    const collection = await this.find(viewer, id);
    if (!collection.canRead) throw HubError.forbidden(`The collection "${collection.title}" takes objects but cannot be read; read from the TLP collections`);
    return collection;
  }
}
