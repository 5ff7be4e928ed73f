import { ImportBytesUsed1766860000000 } from './1766860000000-import-bytes-used';
import { Imports1767100000000 } from './1767100000000-imports';
import { ImportResultsWithoutRowChecks1767500000000 } from './1767500000000-import-results-without-row-checks';
import { ImportIdSecret1767700000002 } from './1767700000002-import-id-secret';

/** The imports schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const importsMigrations = [ImportBytesUsed1766860000000, Imports1767100000000, ImportResultsWithoutRowChecks1767500000000, ImportIdSecret1767700000002];
