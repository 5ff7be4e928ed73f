import { Imports1767100000000 } from './1767100000000-imports';

/** The imports schema, in order; apps/hub-api applies them with every other feature's migrations. */
export const importsMigrations = [Imports1767100000000];
