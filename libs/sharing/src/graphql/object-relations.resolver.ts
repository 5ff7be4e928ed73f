import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { CurrentViewer } from '@hub/platform';
import type { Request } from 'express';
import { ObjectPage } from '../feed/feed.service';
import { ObjectRelationsService } from '../feed/object-relations.service';
import { RestrictedReadAudit } from '../feed/restricted-read-audit';
import { StixObjectConnection, StixObjectModel } from './dto/stix-object.types';
import { parsePageSize } from './input-parsing';
import { toStixObjectModel } from './to-stix-object-model';

interface RequestContext {
  req?: Request;
}

/**
 * The object page's surroundings of an object: its versions, its relationships and its sightings,
 * each only as far as the viewer may read them (ObjectRelationsService). Reads of AMBER and RED rows
 * are audited as every other read.
 */
@Resolver(() => StixObjectModel)
export class ObjectRelationsResolver {
  constructor(
    private readonly relations: ObjectRelationsService,
    private readonly readAudit: RestrictedReadAudit,
  ) {}

  @ResolveField(() => [StixObjectModel], { description: 'The versions of this object you may read (each judged on its own marking and audience), newest first' })
  async versions(
    @Parent() object: StixObjectModel,
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('first', { type: () => Int, nullable: true, description: 'At most this many, 1 to 500 (default 50)' }) first?: number,
  ): Promise<StixObjectModel[]> {
    const rows = await this.relations.versions(viewer, object.id, parsePageSize(first));
    await this.readAudit.recordForRequest(viewer, rows, context.req ?? { ip: undefined });
    return rows.map(toStixObjectModel);
  }

  @ResolveField(() => Int, { description: 'How many versions of this object you may read' })
  versionCount(@Parent() object: StixObjectModel, @CurrentViewer() viewer: Viewer): Promise<number> {
    return this.relations.countVersions(viewer, object.id);
  }

  @ResolveField(() => StixObjectConnection, {
    description: 'Relationships (latest version you may read, not revoked) with this object as source or target, newest first; only those whose both ends you may follow',
  })
  async relationships(
    @Parent() object: StixObjectModel,
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StixObjectConnection> {
    const page = await this.relations.relationships(viewer, object.id, parsePageSize(first), after ?? undefined);
    return this.connection(viewer, context, page, () => this.relations.countRelationships(viewer, object.id));
  }

  @ResolveField(() => StixObjectConnection, { description: 'Sightings of this object you may read (latest version, not revoked), newest first' })
  async sightings(
    @Parent() object: StixObjectModel,
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StixObjectConnection> {
    const page = await this.relations.sightings(viewer, object.id, parsePageSize(first), after ?? undefined);
    return this.connection(viewer, context, page, () => this.relations.countSightings(viewer, object.id));
  }

  private async connection(viewer: Viewer, context: RequestContext, page: ObjectPage, count: () => Promise<number>): Promise<StixObjectConnection> {
    await this.readAudit.recordForRequest(viewer, page.rows, context.req ?? { ip: undefined });
    return {
      edges: page.rows.map((row) => ({ cursor: page.cursorOf(row), node: toStixObjectModel(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      countReadable: count,
    };
  }
}
