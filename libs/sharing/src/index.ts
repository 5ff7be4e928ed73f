export * from './anonymity/pseudonym';
export * from './feed/feed.service';
export * from './feed/restricted-read-audit';
export { normalizedObservable, isAddressType } from './feed/observable-lookup';
export { parseAudience, parseObjectFilter, parsePageSize } from './graphql/input-parsing';
export { ObjectFilterInput, ObservableInput } from './graphql/dto/sharing.inputs';
export { TlpLevel } from './graphql/dto/sharing.enums';
export * from './feed/readable-objects.sql';
export * from './store/sql-params';
export { PreparedQueries } from './store/prepared-queries';
export * from './feed/object-filter';
export * from './feed/stix-object.row';
export * from './graphql/dto/stix-object.types';
export * from './graphql/to-stix-object-model';
export * from './ingest/submission.service';
export * from './ingest/submission-checks';
export * from './migrations/1763900000000-sharing';
export { AnonymousPseudonym1766500000000 } from './migrations/1766500000000-anonymous-pseudonym';
export { AnonymousNestedIdentity1766700000001 } from './migrations/1766700000001-anonymous-nested-identity';
export * from './sharing.module';
export { AnswerCacheMiddleware } from './answer-cache/answer-cache.middleware';
export { AnswerCache } from './answer-cache/answer-cache.service';
export { answerCachePlugin } from './answer-cache/answer-cache.plugin';

import { Sharing1763900000000 } from './migrations/1763900000000-sharing';
import { SharingGinDirect1765000000000 } from './migrations/1765000000000-sharing-gin-direct';
import { SharingObservableObjectIndex1765000000001 } from './migrations/1765000000001-sharing-observable-object-index';
import { ReadModelVersion1766000000000 } from './migrations/1766000000000-read-model-version';
import { IngestWithoutRowChecks1766000000001 } from './migrations/1766000000001-ingest-without-row-checks';
import { ReadersIndexRestrictedOnly1766000000002 } from './migrations/1766000000002-readers-index-restricted-only';
import { AnonymousPseudonym1766500000000 } from './migrations/1766500000000-anonymous-pseudonym';
import { ObservableReachKey1766700000000 } from './migrations/1766700000000-observable-reach-key';
import { AnonymousNestedIdentity1766700000001 } from './migrations/1766700000001-anonymous-nested-identity';
import { ObservableIndexesWithObject1767300000000 } from './migrations/1767300000000-observable-indexes-with-object';
export const sharingMigrations = [
  Sharing1763900000000,
  SharingGinDirect1765000000000,
  SharingObservableObjectIndex1765000000001,
  ReadModelVersion1766000000000,
  IngestWithoutRowChecks1766000000001,
  ReadersIndexRestrictedOnly1766000000002,
  AnonymousPseudonym1766500000000,
  ObservableReachKey1766700000000,
  AnonymousNestedIdentity1766700000001,
  ObservableIndexesWithObject1767300000000,
];
export { RED_BY_KEY_MESSAGE } from './ingest/prepare-object';
