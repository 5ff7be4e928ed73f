import { ImportBytesUsed1766860000000 } from './1766860000000-import-bytes-used';
import { Imports1767100000000 } from './1767100000000-imports';

/** The imports schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const importsMigrations = [ImportBytesUsed1766860000000, Imports1767100000000];
