import { Warninglists1766400000000 } from './1766400000000-warninglists';
import { CorrelationExclusions1766400000001 } from './1766400000001-correlation-exclusions';

export const intelMigrations = [Warninglists1766400000000, CorrelationExclusions1766400000001];
