import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { MembersModule } from '@hub/members';
import { PatientCareDefinitionBootstrap } from './definition/patient-care-definition.bootstrap';
import { ImpactBriefingService } from './figures/impact-briefing.service';
import { ImpactTrendsService } from './figures/impact-trends.service';
import { ImpactResolver } from './impact.resolver';
import { PublicSummaryController } from './public-summary/public-summary.controller';
import { PublicSummaryService } from './public-summary/public-summary.service';

/**
 * Incident reports beyond their validation (which every submission path runs, see @hub/sharing): the
 * published patient-care extension-definition, care-impact trends and the public summary.
 */
@Module({
  // MembersModule first: its first-start bootstrap makes the operator organisation the definition is published by.
  imports: [AuditModule, MembersModule],
  controllers: [PublicSummaryController],
  providers: [ImpactTrendsService, ImpactBriefingService, ImpactResolver, PublicSummaryService, PatientCareDefinitionBootstrap],
  exports: [ImpactTrendsService, PublicSummaryService],
})
export class IncidentsModule {}
