export * from './anonymity/pseudonym';
export * from './feed/feed.service';
export * from './feed/restricted-read-audit';
export { normalizedObservable, isAddressType } from './feed/observable-lookup';
export { parseObjectFilter } from './graphql/input-parsing';
export { ObjectFilterInput, ObservableInput } from './graphql/dto/sharing.inputs';
export * from './feed/readable-objects.sql';
export * from './store/sql-params';
export * from './feed/object-filter';
export * from './feed/stix-object.row';
export * from './graphql/dto/stix-object.types';
export * from './graphql/to-stix-object-model';
export * from './ingest/submission.service';
export * from './migrations/1763900000000-sharing';
export * from './sharing.module';

import { Sharing1763900000000 } from './migrations/1763900000000-sharing';
export const sharingMigrations = [Sharing1763900000000];
