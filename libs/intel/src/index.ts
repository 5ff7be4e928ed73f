export * from './intel.module';
export * from './migrations/index';
export { WarninglistsService, messageOf, type ObservableHit } from './warninglists/warninglists.service';
export { readWarninglistSource } from './warninglists/warninglist-sources';
export { ScoresService, SCORE_BATCH_SIZE, refreshDueScores } from './scores/scores.service';
export type { DecayBatch } from './scores/scores.sql';
