import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { ClientIp, CurrentViewer } from '@hub/platform';
import { TrendScopeValue } from '@hub/trends';
import { ImpactBriefing, ImpactBriefingInput, ImpactMeasureValue, ImpactTrendInput, ImpactTrendReport } from './dto/impact.types';
import { ImpactBriefingService } from './figures/impact-briefing.service';
import { ImpactTrendsService } from './figures/impact-trends.service';

/**
 * Care-impact trends for every signed-in user and API key, as `trends`: a role gives no extra read right.
 * Without @Public(), the global guard refuses unauthenticated callers (UNAUTHENTICATED).
 */
@Resolver()
export class ImpactResolver {
  constructor(
    private readonly trendsOfImpact: ImpactTrendsService,
    private readonly briefings: ImpactBriefingService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => ImpactBriefing, { description: 'The human impact of incidents in one quarter: totals per measure, incident type, sector and country' })
  async impactBriefing(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('input', { type: () => ImpactBriefingInput, nullable: true }) input?: ImpactBriefingInput,
  ): Promise<ImpactBriefing> {
    const question = { at: input?.at ?? undefined, scope: input?.scope ?? TrendScopeValue.READABLE };
    const briefing = await this.briefings.briefing(viewer, question);
    if (question.scope === TrendScopeValue.SECTOR_WIDE) {
      await this.audit.record({ action: 'trends.sector_wide', viewer, ip, details: { operation: 'impactBriefing', question } });
    }
    return briefing;
  }

  @Query(() => ImpactTrendReport, { description: 'Incidents and their care impact over time, per bucket and group, under the rules of trends' })
  async impactTrends(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('input') input: ImpactTrendInput): Promise<ImpactTrendReport> {
    const question = { ...input, scope: input.scope ?? TrendScopeValue.READABLE, measure: input.measure ?? ImpactMeasureValue.INCIDENTS };
    const report = await this.trendsOfImpact.report(viewer, question);
    // As for trends: each sector-wide answer is safe alone; the log shows anyone combining many.
    if (question.scope === TrendScopeValue.SECTOR_WIDE) {
      await this.audit.record({ action: 'trends.sector_wide', viewer, ip, details: { operation: 'impactTrends', question } });
    }
    return report;
  }
}
