import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { SharingModule } from '@hub/sharing';
import { TaxiiCollectionsService } from './collections/taxii-collections.service';
import { TaxiiExceptionFilter } from './http/taxii-http';
import { TaxiiObjectsService } from './objects/taxii-objects.service';
import { TaxiiWritesService } from './objects/taxii-writes.service';
import { TaxiiStatusService } from './status/taxii-status.service';
import { TaxiiCollectionsController } from './taxii-collections.controller';
import { TaxiiNotFoundController, TaxiiRootController } from './taxii-root.controller';

/** TAXII 2.1 at /taxii2/: the same storage, access rules and ingestion as GraphQL. */
@Module({
  imports: [AuditModule, SharingModule],
  controllers: [TaxiiRootController, TaxiiCollectionsController, TaxiiNotFoundController],
  providers: [TaxiiCollectionsService, TaxiiObjectsService, TaxiiWritesService, TaxiiStatusService, TaxiiExceptionFilter],
})
export class TaxiiModule {}
