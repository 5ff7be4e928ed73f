import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { SharingModule } from '@hub/sharing';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** `GET /export/{format}`: the feed's readable objects as STIX bundles, CSV, value lists, IDS rules and RPZ zones. */
@Module({
  imports: [AuditModule, SharingModule],
  controllers: [ExportsController],
  providers: [ExportsService],
})
export class ExportsModule {}
