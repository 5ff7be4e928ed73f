import { Warninglists1766400000000 } from './1766400000000-warninglists';
import { CorrelationExclusions1766400000001 } from './1766400000001-correlation-exclusions';
import { IndicatorScores1766800000000 } from './1766800000000-indicator-scores';
import { FalsePositiveAlerts1766800000001 } from './1766800000001-false-positive-alerts';
import { ScoresPlansWithoutStatistics1766940000000 } from './1766940000000-scores-plans-without-statistics';
import { InlinedScoreDecay1766960000000 } from './1766960000000-inlined-score-decay';
import { ScoreDuePosition1766960000001 } from './1766960000001-score-due-position';
import { ScoresWrittenOnce1767500000001 } from './1767500000001-scores-written-once';

export const intelMigrations = [
  Warninglists1766400000000,
  CorrelationExclusions1766400000001,
  IndicatorScores1766800000000,
  FalsePositiveAlerts1766800000001,
  ScoresPlansWithoutStatistics1766940000000,
  InlinedScoreDecay1766960000000,
  ScoreDuePosition1766960000001,
  ScoresWrittenOnce1767500000001,
];
