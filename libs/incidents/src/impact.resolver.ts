import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { ClientIp, CurrentViewer } from '@hub/platform';
import { TrendScopeValue } from '@hub/trends';
import { ImpactMeasureValue, ImpactTrendInput, ImpactTrendReport } from './dto/impact.types';
import { ImpactTrendsService } from './figures/impact-trends.service';

/**
 * Care-impact trends for every signed-in user and API key, as `trends`: a role gives no extra read right.
 * Without @Public(), the global guard refuses unauthenticated callers (UNAUTHENTICATED).
 */
@Resolver()
export class ImpactResolver {
  constructor(
    private readonly trendsOfImpact: ImpactTrendsService,
    private readonly audit: AuditService,
  ) {}

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
