import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { ExposureResolver } from './exposure.resolver';
import { ExposuresService } from './exposures/exposures.service';
import { InventoriesService } from './inventories/inventories.service';
import { ExposureMatcher } from './matching/exposure-matcher.service';
import { ExposureQueue } from './matching/exposure-queue.service';

/** Supply-chain exposure: inventories, matching against advisories on both events, exposures and k-suppressed counts. */
@Module({
  imports: [AuditModule],
  providers: [ExposureMatcher, ExposureQueue, InventoriesService, ExposuresService, ExposureResolver],
  exports: [ExposureQueue],
})
export class ExposureModule {}
