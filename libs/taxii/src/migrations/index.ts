import { Taxii1764300000000 } from './1764300000000-taxii';

export const taxiiMigrations = [Taxii1764300000000];
