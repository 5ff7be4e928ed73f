import { Warninglists1766400000000 } from './1766400000000-warninglists';

export const intelMigrations = [Warninglists1766400000000];
