import { Body, Controller, Delete, Get, Param, Post, Req, Res, UseFilters, UseInterceptors } from '@nestjs/common';
import type { MemberViewer, Viewer } from '@hub/access';
import { HubError } from '@hub/platform';
import { ClientIp, CurrentViewer, Public } from '@hub/members';
import { FeedService, RestrictedReadAudit } from '@hub/sharing';
import type { Request, Response } from 'express';
import { collectionResource, TaxiiCollection } from './collections/collection-catalog';
import type { CollectionPath, ObjectPath } from './dto/taxii-path';
import { TaxiiCollectionsService } from './collections/taxii-collections.service';
import { searchParamsOf, sendTaxii, TaxiiExceptionFilter, TaxiiMediaTypeInterceptor } from './http/taxii-http';
import { TaxiiObjectsService } from './objects/taxii-objects.service';
import { TaxiiWritesService } from './objects/taxii-writes.service';
import { dateAddedHeaders, envelopeOf, manifestOf, TaxiiPage, versionsOf } from './query/envelope';
import { ENDPOINT_PARAMETERS, parseTaxiiQuery, TaxiiParameter } from './query/taxii-query';
import { API_ROOT } from './taxii-root.controller';

/** Collections (spec 5.1, 5.2) and what is in them: objects (5.4, 5.5), one object (5.6, 5.7), its versions (5.8) and the manifest (5.3). */
@Controller(`taxii2/${API_ROOT}/collections`)
@UseFilters(TaxiiExceptionFilter)
@UseInterceptors(TaxiiMediaTypeInterceptor)
export class TaxiiCollectionsController {
  constructor(
    private readonly collections: TaxiiCollectionsService,
    private readonly objects: TaxiiObjectsService,
    private readonly writes: TaxiiWritesService,
    private readonly readAudit: RestrictedReadAudit,
    private readonly feed: FeedService,
  ) {}

  @Public()
  @Get()
  async list(@CurrentViewer() viewer: Viewer, @Res() response: Response): Promise<void> {
    const collections = await this.collections.list(viewer);
    sendTaxii(response, 200, collections.length ? { collections: collections.map(collectionResource) } : {});
  }

  @Public()
  @Get(':collectionId')
  async collection(@CurrentViewer() viewer: Viewer, @Param() path: CollectionPath, @Res() response: Response): Promise<void> {
    sendTaxii(response, 200, collectionResource(await this.collections.find(viewer, path.collectionId)));
  }

  @Public()
  @Get(':collectionId/manifest')
  async manifest(@CurrentViewer() viewer: Viewer, @Param() path: CollectionPath, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const page = await this.readPage(viewer, path, request, ENDPOINT_PARAMETERS.manifest, ip);
    sendTaxii(response, 200, manifestOf(page, this.feed.cursorSeal), dateAddedHeaders(page));
  }

  @Public()
  @Get(':collectionId/objects')
  async getObjects(@CurrentViewer() viewer: Viewer, @Param() path: CollectionPath, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const page = await this.readPage(viewer, path, request, ENDPOINT_PARAMETERS.objects, ip);
    sendTaxii(response, 200, envelopeOf(page, this.feed.cursorSeal), dateAddedHeaders(page));
  }

  @Post(':collectionId/objects')
  async addObjects(@CurrentViewer() viewer: MemberViewer, @Param() path: CollectionPath, @Body() body: unknown, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const collection = await this.collections.find(viewer, path.collectionId);
    sendTaxii(response, 202, await this.writes.addObjects(viewer, collection, body, ip));
  }

  @Public()
  @Get(':collectionId/objects/:objectId')
  async getObject(@CurrentViewer() viewer: Viewer, @Param() path: ObjectPath, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const page = await this.readPage(viewer, path, request, ENDPOINT_PARAMETERS.object, ip);
    sendTaxii(response, 200, envelopeOf(page, this.feed.cursorSeal), dateAddedHeaders(page));
  }

  @Delete(':collectionId/objects/:objectId')
  async deleteObject(@CurrentViewer() viewer: MemberViewer, @Param() path: ObjectPath, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const search = searchParamsOf(request);
    const query = parseTaxiiQuery(search, ENDPOINT_PARAMETERS.delete, this.feed.cursorSeal);
    // Without match[version], a DELETE is about the whole object: every version.
    if (!search.has('match[version]')) query.versions = { all: true, first: false, last: false, timestamps: [] };
    const collection = await this.collections.find(viewer, path.collectionId);
    await this.writes.deleteObject(viewer, collection, path.objectId, query, ip);
    response.status(200).end();
  }

  @Public()
  @Get(':collectionId/objects/:objectId/versions')
  async versions(@CurrentViewer() viewer: Viewer, @Param() path: ObjectPath, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    const page = await this.readPage(viewer, path, request, ENDPOINT_PARAMETERS.versions, ip, 'all');
    sendTaxii(response, 200, versionsOf(page, this.feed.cursorSeal), dateAddedHeaders(page));
  }

  /**
   * One page of a readable collection, audited when it holds AMBER content. For one object, an
   * object that has no version in the collection for this viewer is a 404 (absent and unreadable
   * look the same); a filter that leaves none of its versions is an empty page.
   */
  private async readPage(
    viewer: Viewer,
    path: CollectionPath & Partial<ObjectPath>,
    request: Request,
    parameters: readonly TaxiiParameter[],
    ip: string | undefined,
    versions?: 'all',
  ): Promise<TaxiiPage> {
    const { objectId } = path;
    const query = parseTaxiiQuery(searchParamsOf(request), parameters, this.feed.cursorSeal);
    const collection: TaxiiCollection = await this.collections.findReadable(viewer, path.collectionId);
    if (versions === 'all') query.versions = { all: true, first: false, last: false, timestamps: [] };
    const page = await this.objects.page(viewer, collection, query, objectId);
    if (objectId && !page.rows.length && !(await this.objects.exists(viewer, collection, objectId))) {
      throw HubError.notFound(`No object ${objectId} in this collection that you can read`);
    }
    await this.readAudit.record(viewer, page.rows, ip);
    return page;
  }
}
