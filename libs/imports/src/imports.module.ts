import { Module } from '@nestjs/common';
import { SharingModule } from '@hub/sharing';
import { ImportsResolver } from './graphql/imports.resolver';
import { ImportsController } from './http/imports.controller';
import { ImportJobsRepository } from './jobs/import-jobs.repository';
import { ImportWorker } from './jobs/import-worker';
import { ImportsService } from './jobs/imports.service';

/** Import jobs: POST /import, their status and results, and the worker that runs them (docs/imports.md). */
@Module({
  imports: [SharingModule],
  controllers: [ImportsController],
  providers: [ImportJobsRepository, ImportWorker, ImportsService, ImportsResolver],
})
export class ImportsModule {}
