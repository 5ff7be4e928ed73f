import { Module } from '@nestjs/common';
import { SharingModule } from '@hub/sharing';
import { WarninglistHitsLoader } from './warninglists/warninglist-hits.loader';
import { ObservableMatchWarninglistResolver, StixObjectWarninglistResolver } from './warninglists/warninglists.resolver';
import { WarninglistsService } from './warninglists/warninglists.service';

/** Warninglists on what members share (see docs/intel.md). */
@Module({
  imports: [SharingModule],
  providers: [WarninglistsService, WarninglistHitsLoader, StixObjectWarninglistResolver, ObservableMatchWarninglistResolver],
  exports: [WarninglistsService],
})
export class IntelModule {}
