import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { SharingModule } from '@hub/sharing';
import { CorrelationExclusionsResolver, StixObjectCorrelationResolver } from './correlation/correlation.resolver';
import { CorrelationService } from './correlation/correlation.service';
import { ObjectFactsLoader } from './object-facts/object-facts.loader';
import { ScoreDecayRulesResolver, StixObjectScoreResolver } from './scores/scores.resolver';
import { ScoresService } from './scores/scores.service';
import { ObservableMatchWarninglistResolver, StixObjectWarninglistResolver } from './warninglists/warninglists.resolver';
import { WarninglistsService } from './warninglists/warninglists.service';

/** Warninglists on what members share, correlation of objects that share observables, and scores that decay (see docs/intel.md). */
@Module({
  imports: [SharingModule, AuditModule],
  providers: [
    WarninglistsService,
    ObjectFactsLoader,
    StixObjectWarninglistResolver,
    ObservableMatchWarninglistResolver,
    CorrelationService,
    StixObjectCorrelationResolver,
    CorrelationExclusionsResolver,
    ScoresService,
    StixObjectScoreResolver,
    ScoreDecayRulesResolver,
  ],
  exports: [WarninglistsService, CorrelationService, ScoresService],
})
export class IntelModule {}
