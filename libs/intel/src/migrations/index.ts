import { Warninglists1766400000000 } from './1766400000000-warninglists';
import { CorrelationExclusions1766400000001 } from './1766400000001-correlation-exclusions';
import { IndicatorScores1766800000000 } from './1766800000000-indicator-scores';
import { FalsePositiveAlerts1766800000001 } from './1766800000001-false-positive-alerts';
import { ScoreSightingsByIndex1766970000000 } from './1766970000000-score-sightings-by-index';

export const intelMigrations = [Warninglists1766400000000, CorrelationExclusions1766400000001, IndicatorScores1766800000000, FalsePositiveAlerts1766800000001, ScoreSightingsByIndex1766970000000];
