import { Taxii1764300000000 } from './1764300000000-taxii';
import { TaxiiStatusPoster1767700000000 } from './1767700000000-taxii-status-poster';

export const taxiiMigrations = [Taxii1764300000000, TaxiiStatusPoster1767700000000];
