import { Args, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { ClientIp, CurrentViewer } from '@hub/platform';
import { BriefingService } from './briefing/briefing.service';
import { TrendBucketSize, TrendGroupByValue, TrendScopeValue } from './dto/trend.enums';
import { TrendBriefingInput, TrendInput } from './dto/trend.inputs';
import { TrendBriefing, TrendReport } from './dto/trend.types';
import { TrendsService } from './trends.service';

/**
 * Trends for every signed-in user and API key, whatever the role: a role gives no extra read right,
 * so everyone sees exact counts of what they may read and, sector-wide, suppressed unreadable counts.
 * Without @Public(), the global guard refuses unauthenticated callers (UNAUTHENTICATED).
 */
@Resolver()
export class TrendsResolver {
  constructor(
    private readonly trendsService: TrendsService,
    private readonly briefings: BriefingService,
    private readonly audit: AuditService,
  ) {}

  @Query(() => TrendReport, { description: 'Counts over time, per bucket and group (see TrendScope for what is counted)' })
  async trends(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('input') input: TrendInput): Promise<TrendReport> {
    const scope = input.scope ?? TrendScopeValue.READABLE;
    const report = await this.trendsService.report(viewer, { ...input, scope });
    await this.recordSectorWide(viewer, ip, 'trends', { ...input, scope });
    return report;
  }

  @Query(() => TrendBriefing, { description: 'Rising groups, sightings per week, indicator validity and time to first sighting for one period' })
  async trendBriefing(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('input', { type: () => TrendBriefingInput, nullable: true }) input?: TrendBriefingInput,
  ): Promise<TrendBriefing> {
    const request = {
      period: input?.period ?? TrendBucketSize.WEEK,
      at: input?.at ?? undefined,
      groupBy: input?.groupBy ?? TrendGroupByValue.MALWARE_FAMILY,
      scope: input?.scope ?? TrendScopeValue.READABLE,
      top: input?.top ?? 5,
      weeks: input?.weeks ?? 12,
    };
    const briefing = await this.briefings.briefing(viewer, request);
    await this.recordSectorWide(viewer, ip, 'trendBriefing', request);
    return briefing;
  }

  /**
   * Every sector-wide question is audited with its parameters: suppression protects each answer, and
   * the log shows anyone trying to combine many answers.
   */
  private async recordSectorWide(viewer: Viewer, ip: string | undefined, operation: string, question: { scope?: string } & object): Promise<void> {
    if (question.scope !== TrendScopeValue.SECTOR_WIDE) return;
    await this.audit.record({ action: 'trends.sector_wide', viewer, ip, details: { operation, question } });
  }
}
