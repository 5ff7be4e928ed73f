import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { AnswerCache } from './answer-cache/answer-cache.service';
import { ReadModelVersion } from './answer-cache/read-model-version';
import { FeedService } from './feed/feed.service';
import { ObjectRelationsService } from './feed/object-relations.service';
import { RestrictedReadAudit } from './feed/restricted-read-audit';
import { ObjectRelationsResolver } from './graphql/object-relations.resolver';
import { StixObjectConnectionResolver, SharingResolver } from './graphql/sharing.resolver';
import { SubmissionChecks } from './ingest/submission-checks';
import { SubmissionService } from './ingest/submission.service';
import { PreparedQueries } from './store/prepared-queries';
import { StixObjectWriter } from './store/stix-object.writer';

@Module({
  imports: [AuditModule],
  providers: [
    PreparedQueries,
    FeedService,
    ObjectRelationsService,
    ObjectRelationsResolver,
    RestrictedReadAudit,
    SubmissionService,
    SubmissionChecks,
    StixObjectWriter,
    SharingResolver,
    StixObjectConnectionResolver,
    ReadModelVersion,
    AnswerCache,
  ],
  exports: [FeedService, PreparedQueries, SubmissionService, SubmissionChecks, RestrictedReadAudit, AnswerCache],
})
export class SharingModule {}
