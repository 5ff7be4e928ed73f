import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { MemberViewer, Tlp, Viewer } from '@hub/access';
import { CurrentViewer, Public, Roles } from '@hub/members';
import { HubError } from '@hub/platform';
import { formatStixTimestamp, type SightingType } from '@hub/stix';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { FeedService } from '../feed/feed.service';
import { minScoreProblem } from '../feed/object-filter';
import { isAddressType, normalizedObservable } from '../feed/observable-lookup';
import { RestrictedReadAudit } from '../feed/restricted-read-audit';
import { SubmissionService } from '../ingest/submission.service';
import { SightingTypeValue } from './dto/sharing.enums';
import { ObjectFilterInput, ReportSightingInput, SubmitBundleInput, SubmitIndicatorInput } from './dto/sharing.inputs';
import { ObservableMatchModel, StixObjectConnection, StixObjectModel, SubmissionResultModel } from './dto/stix-object.types';
import { parseAudience, parseObjectFilter, parsePageSize } from './input-parsing';
import { toStixObjectModel } from './to-stix-object-model';

interface RequestContext {
  req: Request;
}

// The STIX value of each GraphQL sighting type (x_hub_sighting_type).
const SIGHTING_TYPE_PROPERTY: Record<SightingTypeValue, SightingType> = {
  [SightingTypeValue.SIGHTING]: 'sighting',
  [SightingTypeValue.FALSE_POSITIVE]: 'false-positive',
  [SightingTypeValue.EXPIRATION]: 'expiration',
};

function isTrueSighting(row: { stix: Record<string, unknown> }): boolean {
  return row.stix.x_hub_sighting_type === undefined || row.stix.x_hub_sighting_type === 'sighting';
}

const INDICATOR_INPUT_PATHS = {
  name: 'name',
  description: 'description',
  pattern: 'pattern',
  pattern_type: 'patternType',
  valid_from: 'validFrom',
  valid_until: 'validUntil',
  indicator_types: 'indicatorTypes',
  labels: 'labels',
  confidence: 'confidence',
};

@Resolver(() => StixObjectModel)
export class SharingResolver {
  constructor(
    private readonly feed: FeedService,
    private readonly submissions: SubmissionService,
    private readonly readAudit: RestrictedReadAudit,
  ) {}

  @Public()
  @Query(() => StixObjectConnection, { description: 'The feed: the latest version you may read of each object, newest first' })
  async objects(
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('filter', { type: () => ObjectFilterInput, nullable: true }) filterInput?: ObjectFilterInput,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<StixObjectConnection> {
    const filter = parseObjectFilter(filterInput, (type, value) => normalizedObservable(type, value, 'filter.observable.value'));
    const page = await this.feed.page(viewer, filter, parsePageSize(first), after ?? undefined);
    await this.readAudit.recordForRequest(viewer, page.rows, context.req);
    return {
      edges: page.rows.map((row) => ({ cursor: page.cursorOf(row), node: toStixObjectModel(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      countReadable: () => this.feed.count(viewer, filter),
    };
  }

  @Public()
  @Query(() => StixObjectModel, { nullable: true, description: 'null when the object does not exist or you may not read it' })
  async object(@CurrentViewer() viewer: Viewer, @Context() context: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<StixObjectModel | null> {
    const row = await this.feed.findOne(viewer, id);
    if (!row) return null;
    await this.readAudit.recordForRequest(viewer, [row], context.req);
    return toStixObjectModel(row);
  }

  @Public()
  @Query(() => ObservableMatchModel, { description: 'The readable indicators, sightings and observables that mention a value' })
  async lookupObservable(
    @CurrentViewer() viewer: Viewer,
    @Context() context: RequestContext,
    @Args('type') type: string,
    @Args('value') value: string,
    @Args('minScore', { type: () => Int, nullable: true, description: 'Only indicators whose score is at least this (0–100); observables are not filtered' }) minScore?: number,
    @Args('excludeDecayed', { type: () => Boolean, nullable: true, description: 'true: leave out indicators whose score has decayed to 0' }) excludeDecayed?: boolean,
  ): Promise<ObservableMatchModel> {
    const observable = normalizedObservable(type, value);
    const scoreProblem = minScore === undefined || minScore === null ? undefined : minScoreProblem(minScore);
    if (scoreProblem) throw HubError.badInput(`minScore ${scoreProblem}`, [{ path: 'minScore', message: scoreProblem }]);
    const filter = { minScore: minScore ?? undefined, excludeDecayed: excludeDecayed || undefined };
    const { matches, sightings } = await this.feed.lookUp(viewer, observable, isAddressType(observable.type), filter);
    const indicators = matches.filter((row) => row.type === 'indicator');
    await this.readAudit.recordForRequest(viewer, [...matches, ...sightings], context.req);
    return {
      ...observable,
      indicators: indicators.map(toStixObjectModel),
      sightings: sightings.map(toStixObjectModel),
      observables: matches.filter((row) => row.type !== 'indicator').map(toStixObjectModel),
      // True sightings only: a false positive or an expiration says the value was NOT seen as malicious.
      sightingCount: sightings.filter(isTrueSighting).reduce((sum, row) => sum + (typeof row.stix.count === 'number' ? row.stix.count : 1), 0),
    };
  }

  @Roles('MEMBER', 'ANALYST')
  @Mutation(() => SubmissionResultModel, { description: 'Share a STIX 2.1 bundle; each object is accepted or rejected on its own' })
  async submitBundle(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('input') input: SubmitBundleInput): Promise<SubmissionResultModel> {
    const outcome = await this.submissions.submitBundle(this.submission(viewer, input, context), input.bundle);
    return outcome as SubmissionResultModel;
  }

  @Roles('MEMBER', 'ANALYST')
  @Mutation(() => StixObjectModel, { description: 'Share one indicator built from these fields' })
  async submitIndicator(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('input') input: SubmitIndicatorInput): Promise<StixObjectModel> {
    const now = formatStixTimestamp(new Date());
    const indicator: Record<string, unknown> = {
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: now,
      modified: now,
      name: input.name,
      pattern: input.pattern,
      pattern_type: input.patternType ?? 'stix',
      valid_from: input.validFrom ?? now,
      ...(input.description !== undefined && input.description !== null ? { description: input.description } : {}),
      ...(input.validUntil ? { valid_until: input.validUntil } : {}),
      ...(input.indicatorTypes?.length ? { indicator_types: input.indicatorTypes } : {}),
      ...(input.labels?.length ? { labels: input.labels } : {}),
      ...(input.confidence !== undefined && input.confidence !== null ? { confidence: input.confidence } : {}),
    };
    const row = await this.submissions.submitOne(this.submission(viewer, input, context), indicator, INDICATOR_INPUT_PATHS);
    return toStixObjectModel(row);
  }

  @Roles('MEMBER', 'ANALYST')
  @Mutation(() => StixObjectModel, { description: 'Report that your organisation saw an indicator (or another object)' })
  async reportSighting(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('input') input: ReportSightingInput): Promise<StixObjectModel> {
    const row = await this.submissions.reportSighting(this.submission(viewer, input, context), {
      sightingOfRef: input.sightingOfRef,
      type: SIGHTING_TYPE_PROPERTY[input.type ?? SightingTypeValue.SIGHTING],
      count: input.count ?? 1,
      firstSeen: input.firstSeen ?? undefined,
      lastSeen: input.lastSeen ?? undefined,
      description: input.description ?? undefined,
    });
    return toStixObjectModel(row);
  }

  @Roles('MEMBER', 'ANALYST')
  @Mutation(() => StixObjectModel, { description: 'Revoke an object your organisation shared (a new version with revoked: true)' })
  async revokeObject(@CurrentViewer() viewer: MemberViewer, @Context() context: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<StixObjectModel> {
    return toStixObjectModel(await this.submissions.revoke(viewer, id, context.req.ip));
  }

  private submission(viewer: MemberViewer, input: { tlp: string; audience?: SubmitBundleInput['audience']; anonymous?: boolean }, context: RequestContext) {
    const { audience, recipientEmails } = parseAudience(input.audience ?? undefined);
    return { viewer, tlp: input.tlp as Tlp, audience, recipientEmails, anonymous: input.anonymous ?? false, ip: context.req.ip };
  }

}

@Resolver(() => StixObjectConnection)
export class StixObjectConnectionResolver {
  @ResolveField(() => Int, { description: 'How many objects match, counted only when asked for' })
  totalCount(@Parent() connection: StixObjectConnection): Promise<number> {
    return connection.countReadable();
  }
}
