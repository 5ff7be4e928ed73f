export * from './trends.module';
export * from './trends.service';
export * from './trend-query';
export * from './catch-up/trend-catch-up.service';
export { ProfilePartsService } from './profiles/profile-parts.service';
export { TrendFiguresService } from './figures/trend-figures.service';
export { accessFingerprint } from './profiles/access-profile';
export * from './briefing/briefing.service';
export * from './dto/trend.enums';
export * from './dto/trend.types';
export { TrendRangeInput } from './dto/trend.inputs';
export * from './migrations/1764000000000-trends';
export * from './migrations/1764000000001-trend-catch-up-plans';
export * from './migrations/1766100000000-trend-static-followable';
export * from './migrations/1766600000000-trend-anonymous-sector';
export * from './migrations/1766910000000-trend-profile-rows';
export * from './migrations/1767600000000-trend-profile-ranges';
export * from './migrations/1767700000003-trend-profile-row-type';
export * from './migrations/1767810000000-trend-revised-ids-by-key';

import { Trends1764000000000 } from './migrations/1764000000000-trends';
import { TrendCatchUpPlans1764000000001 } from './migrations/1764000000001-trend-catch-up-plans';
import { TrendStaticFollowable1766100000000 } from './migrations/1766100000000-trend-static-followable';
import { TrendAnonymousSector1766600000000 } from './migrations/1766600000000-trend-anonymous-sector';
import { TrendProfileRows1766910000000 } from './migrations/1766910000000-trend-profile-rows';
import { TrendProfileRanges1767600000000 } from './migrations/1767600000000-trend-profile-ranges';
import { TrendProfileRowType1767700000003 } from './migrations/1767700000003-trend-profile-row-type';
import { TrendRestrictedBatchDay1767800000000 } from './migrations/1767800000000-trend-restricted-batch-day';
import { TrendRowByRowBatchDay1767800000001 } from './migrations/1767800000001-trend-row-by-row-batch-day';
import { TrendRevisedIdsByKey1767810000000 } from './migrations/1767810000000-trend-revised-ids-by-key';
import { TrendVerdictKinds1767820000000 } from './migrations/1767820000000-trend-verdict-kinds';
import { TrendPartUse1767820000001 } from './migrations/1767820000001-trend-part-use';
import { TrendJudgedColumns1767820000002 } from './migrations/1767820000002-trend-judged-columns';
export const trendsMigrations = [
  Trends1764000000000,
  TrendCatchUpPlans1764000000001,
  TrendStaticFollowable1766100000000,
  TrendAnonymousSector1766600000000,
  TrendProfileRows1766910000000,
  TrendProfileRanges1767600000000,
  TrendProfileRowType1767700000003,
  TrendRestrictedBatchDay1767800000000,
  TrendRowByRowBatchDay1767800000001,
  TrendRevisedIdsByKey1767810000000,
  TrendVerdictKinds1767820000000,
  TrendPartUse1767820000001,
  TrendJudgedColumns1767820000002,
];
