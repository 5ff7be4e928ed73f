import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { MemberViewer, Viewer } from '@hub/access';
import { AdminOnly, CurrentViewer } from '@hub/members';
import { ObjectPage, parsePageSize, RestrictedReadAudit, StixObjectConnection, StixObjectModel, toStixObjectModel } from '@hub/sharing';
import type { Request } from 'express';
import { RequestBatch } from '../request-batch';
import { CorrelationService } from './correlation.service';
import { CorrelationExclusionInput, CorrelationExclusionModel, OverCorrelatingObservableModel } from './dto/correlation.types';

interface RequestContext {
  req?: Request;
}

const NO_PAGE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, countReadable: async () => 0 };

/** Who asks in one GraphQL request, for the batches below (one viewer and one request per context). */
interface Asker {
  viewer: Viewer;
  req: Pick<Request, 'ip'>;
}

@Resolver(() => StixObjectModel)
export class StixObjectCorrelationResolver {
  private readonly askers = new WeakMap<object, Asker>();
  /**
   * The first pages asked for by one GraphQL answer (a look-up's indicators, a feed page's objects),
   * keyed `${first} ${pk}`: one statement per page size, and one audit row for all of them, written
   * before any of them answers.
   */
  private readonly firstPages: RequestBatch<ObjectPage>;
  /** The counts of the pages that have more behind them, keyed by pk: one statement. */
  private readonly counts: RequestBatch<number>;

  constructor(
    private readonly correlation: CorrelationService,
    private readonly readAudit: RestrictedReadAudit,
  ) {
    this.firstPages = new RequestBatch(async (request, keys) => {
      const asker = this.askers.get(request);
      if (!asker) throw new Error('correlated pages asked for without a viewer');
      const bySize = new Map<number, string[]>();
      for (const key of keys) {
        const [size, pk] = key.split(' ');
        bySize.set(Number(size), [...(bySize.get(Number(size)) ?? []), pk]);
      }
      const pages = new Map<string, ObjectPage>();
      for (const [size, pks] of bySize) {
        for (const [pk, page] of await this.correlation.firstPages(asker.viewer, pks, size)) pages.set(`${size} ${pk}`, page);
      }
      await this.readAudit.recordForRequest(asker.viewer, [...pages.values()].flatMap((page) => page.rows), asker.req);
      return pages;
    });
    this.counts = new RequestBatch(async (request, pks) => {
      const asker = this.askers.get(request);
      if (!asker) throw new Error('correlated counts asked for without a viewer');
      return this.correlation.counts(asker.viewer, pks);
    });
  }

  @ResolveField(() => StixObjectConnection, {
    description: `Other objects you may read that share an observable with this version (same value, or an address inside a shared block); values excluded by the operator or found in more objects you may read than the correlation limit do not link`,
  })
  async correlated(
    @Parent() object: StixObjectModel,
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StixObjectConnection> {
    const size = parsePageSize(first);
    if (!object.pk) return NO_PAGE;
    const pk = object.pk;
    if (!this.askers.has(context)) this.askers.set(context, { viewer, req: context.req ?? { ip: undefined } });
    let page: ObjectPage;
    if (after) {
      page = await this.correlation.page(viewer, pk, size, after);
      await this.readAudit.recordForRequest(viewer, page.rows, this.askers.get(context)!.req);
    } else {
      page = (await this.firstPages.get(context, `${size} ${pk}`))!;
    }
    return {
      edges: page.rows.map((row) => ({ cursor: page.cursorOf(row), node: toStixObjectModel(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      // A first page that holds them all is the count: the same rows (the source join never drops
      // one, source_org_id is a foreign key), read in the same statement; one query fewer per look-up.
      countReadable: async () => (after || page.hasNextPage ? ((await this.counts.get(context, pk)) ?? 0) : page.rows.length),
    };
  }

  @ResolveField(() => [OverCorrelatingObservableModel], { description: 'Observables of this version found in more objects you may read than the correlation limit (HUB_CORRELATION_LIMIT): they do not link' })
  async overCorrelating(@Parent() object: StixObjectModel, @CurrentViewer() viewer: Viewer): Promise<OverCorrelatingObservableModel[]> {
    return object.pk ? this.correlation.overCorrelating(viewer, object.pk) : [];
  }
}

@Resolver(() => CorrelationExclusionModel)
export class CorrelationExclusionsResolver {
  constructor(private readonly correlation: CorrelationService) {}

  @AdminOnly()
  @Query(() => [CorrelationExclusionModel], { description: 'Values that never link objects (ADMIN)' })
  correlationExclusions(): Promise<CorrelationExclusionModel[]> {
    return this.correlation.exclusions();
  }

  @AdminOnly()
  @Mutation(() => CorrelationExclusionModel, { description: 'Stop a value (or a wildcard pattern) from linking objects (ADMIN); adding it again updates the comment' })
  addCorrelationExclusion(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('input') input: CorrelationExclusionInput): Promise<CorrelationExclusionModel> {
    return this.correlation.addExclusion(viewer, input, context.req?.ip);
  }

  @AdminOnly()
  @Mutation(() => Boolean, { description: 'Let the value link objects again (ADMIN); false when there was no such exclusion' })
  removeCorrelationExclusion(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.correlation.removeExclusion(viewer, id, context.req?.ip);
  }
}
