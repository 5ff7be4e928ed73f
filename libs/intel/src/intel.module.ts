import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { SharingModule } from '@hub/sharing';
import { CorrelationExclusionsResolver, StixObjectCorrelationResolver } from './correlation/correlation.resolver';
import { CorrelationService } from './correlation/correlation.service';
import { WarninglistHitsLoader } from './warninglists/warninglist-hits.loader';
import { ObservableMatchWarninglistResolver, StixObjectWarninglistResolver } from './warninglists/warninglists.resolver';
import { WarninglistsService } from './warninglists/warninglists.service';

/** Warninglists on what members share, and correlation of objects that share observables (see docs/intel.md). */
@Module({
  imports: [SharingModule, AuditModule],
  providers: [
    WarninglistsService,
    WarninglistHitsLoader,
    StixObjectWarninglistResolver,
    ObservableMatchWarninglistResolver,
    CorrelationService,
    StixObjectCorrelationResolver,
    CorrelationExclusionsResolver,
  ],
  exports: [WarninglistsService, CorrelationService],
})
export class IntelModule {}
