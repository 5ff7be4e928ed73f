import { gql } from '../api/graphql';
import type { IndicatorValidity, RisingGroup, TimeToFirstSighting, TrendBriefing, TrendBriefingInput, TrendInput, TrendPeriod, TrendPoint } from '../api/schema-types';
import type { Report } from './chart-data';

const COUNT = 'count suppressed';

export const TRENDS = gql<{ trends: Report }, { input: TrendInput }>(
  `query Trends($input: TrendInput!) {
    trends(input: $input) {
      bucket groupBy scope k from to
      total { ${COUNT} }
      totals { key ${COUNT} }
      buckets { start end complete countsUnreadable total { ${COUNT} } groups { key ${COUNT} } }
    }
  }`,
);

export type Briefing = Pick<TrendBriefing, 'groupBy' | 'scope' | 'k'> & {
  period: TrendPeriod;
  previousPeriod: TrendPeriod;
  rising: Pick<RisingGroup, 'key' | 'previous' | 'current' | 'change' | 'changeRatio'>[];
  sightingsPerWeek: Pick<TrendPoint, 'start' | 'count' | 'suppressed'>[];
  indicatorValidity: Pick<IndicatorValidity, 'indicators' | 'valid' | 'share'>;
  timeToFirstSighting: Pick<TimeToFirstSighting, 'medianHours' | 'sightedIndicators'>;
};

export const TREND_BRIEFING = gql<{ trendBriefing: Briefing }, { input: TrendBriefingInput }>(
  `query TrendBriefing($input: TrendBriefingInput) {
    trendBriefing(input: $input) {
      groupBy scope k
      period { start end }
      previousPeriod { start end }
      rising { key previous current change changeRatio }
      sightingsPerWeek { start ${COUNT} }
      indicatorValidity { indicators valid share }
      timeToFirstSighting { medianHours sightedIndicators }
    }
  }`,
);
