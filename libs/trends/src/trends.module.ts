import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { BriefingService } from './briefing/briefing.service';
import { TrendCatchUpService } from './catch-up/trend-catch-up.service';
import { TrendFiguresService } from './figures/trend-figures.service';
import { ProfilePartsService } from './profiles/profile-parts.service';
import { TrendsResolver } from './trends.resolver';
import { TrendsService } from './trends.service';

/** Trends over stored objects: the `trends` and `trendBriefing` queries. */
@Module({
  imports: [AuditModule],
  providers: [TrendsService, BriefingService, TrendFiguresService, ProfilePartsService, TrendCatchUpService, TrendsResolver],
  exports: [TrendsService, TrendCatchUpService],
})
export class TrendsModule {}
