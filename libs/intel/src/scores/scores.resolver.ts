import { Args, Context, Float, Mutation, Parent, Query, ResolveField, Resolver, Int } from '@nestjs/graphql';
import type { MemberViewer, Viewer } from '@hub/access';
import { AdminOnly, CurrentViewer } from '@hub/members';
import { SqlParams, StixObjectModel } from '@hub/sharing';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { ScoreDecayRuleModel, SightingTotalsModel } from './dto/score.types';
import { ObjectFactsLoader } from '../object-facts/object-facts.loader';
import { RequestBatch } from '../request-batch';
import { sightingTotalsOf } from './scores.sql';
import { ScoresService } from './scores.service';

interface RequestContext {
  req?: Request;
}

const NO_SIGHTINGS: SightingTotalsModel = { sightings: 0, falsePositives: 0, expirations: 0 };
const TOTAL_FIELDS: Record<string, keyof SightingTotalsModel> = { sighting: 'sightings', 'false-positive': 'falsePositives', expiration: 'expirations' };

/**
 * The score and the sighting totals of what the viewer reads. The parent was read under the feed's
 * rules; the score is one number per indicator row, moved only by sightings every reader of that row
 * may read (see the migration), and the totals count only the sightings this viewer may read.
 */
@Resolver(() => StixObjectModel)
export class StixObjectScoreResolver {
  private readonly totals: RequestBatch<SightingTotalsModel>;
  /** The viewer of each GraphQL request whose totals are being collected. */
  private readonly viewers = new WeakMap<object, Viewer>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly facts: ObjectFactsLoader,
  ) {
    this.totals = new RequestBatch(async (request, ids) => {
      const viewer = this.viewers.get(request);
      if (!viewer) return new Map();
      const params = new SqlParams();
      const rows: { ref: string; kind: string; total: number }[] = await this.dataSource.query(sightingTotalsOf(viewer, ids, params), params.values);
      const byId = new Map<string, SightingTotalsModel>();
      for (const { ref, kind, total } of rows) {
        const field = TOTAL_FIELDS[kind];
        if (!field) continue;
        const totals = byId.get(ref) ?? { ...NO_SIGHTINGS };
        totals[field] += total;
        byId.set(ref, totals);
      }
      return byId;
    });
  }

  @ResolveField(() => Int, {
    nullable: true,
    description: 'For indicators: 0–100, the source confidence and sightings every reader may read, decayed with age (docs/intel.md, "Scores"); null for other objects',
  })
  async score(@Parent() object: StixObjectModel, @Context() context: RequestContext): Promise<number | null> {
    if (object.type !== 'indicator' || !object.pk) return null;
    return this.facts.scoreOf(context, object.pk);
  }

  @ResolveField(() => SightingTotalsModel, { description: 'The sightings, false positives and expirations of this object that you may read (sums of their counts)' })
  async sightingTotals(@Parent() object: StixObjectModel, @CurrentViewer() viewer: Viewer, @Context() context: RequestContext): Promise<SightingTotalsModel> {
    this.viewers.set(context, viewer);
    return (await this.totals.get(context, object.id)) ?? NO_SIGHTINGS;
  }
}

@Resolver(() => ScoreDecayRuleModel)
export class ScoreDecayRulesResolver {
  constructor(private readonly scores: ScoresService) {}

  @AdminOnly()
  @Query(() => [ScoreDecayRuleModel], { description: 'How indicator scores decay, per observable type (ADMIN)' })
  scoreDecayRules(): Promise<ScoreDecayRuleModel[]> {
    return this.scores.rules();
  }

  @AdminOnly()
  @Mutation(() => ScoreDecayRuleModel, { description: 'Set the lifetime L (days) and speed δ of one observable type; its scores follow at once (ADMIN)' })
  setScoreDecay(
    @CurrentViewer() viewer: MemberViewer,
    @Context() context: RequestContext,
    @Args('observableType') observableType: string,
    @Args('lifetimeDays', { type: () => Float }) lifetimeDays: number,
    @Args('speed', { type: () => Float }) speed: number,
  ): Promise<ScoreDecayRuleModel> {
    return this.scores.setRule(viewer, observableType, lifetimeDays, speed, context.req?.ip);
  }
}
