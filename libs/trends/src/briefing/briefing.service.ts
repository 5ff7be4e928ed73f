import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { HubError } from '@hub/platform';
import { Bucket, bucketStart, BucketSize, lastCompleteBucket, previousBucketStart, PublishedCount, risingGroups, TrendScope } from '@hub/trend-rules';
import { DataSource } from 'typeorm';
import { TrendBucketSize, TrendGroupByValue, TrendScopeValue } from '../dto/trend.enums';
import { TrendBriefing, TrendReport } from '../dto/trend.types';
import { TrendsService } from '../trends.service';
import { TrendGroupBy } from '../trend-query';
import { indicatorFiguresSql } from './briefing.sql';

export interface BriefingRequest {
  period: BucketSize;
  at?: Date;
  groupBy: TrendGroupBy;
  scope: TrendScope;
  top: number;
  weeks: number;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
// The weeks of sightings and the previous period reach back two years and a bit from `at`; they
// must stay within the times a trends question may name (1970 on).
const EARLIEST_AT = new Date('1973-01-01T00:00:00Z');
const MAX_TOP = 50;
const MAX_WEEKS = 104;

/**
 * The summary figures of a briefing. Rising groups and sightings per week are cells of ordinary
 * trends answers (same scope, same suppression), so they reveal nothing a trends question would not;
 * indicator validity and time to first sighting are computed over readable objects only.
 */
@Injectable()
export class BriefingService {
  constructor(
    private readonly trends: TrendsService,
    private readonly dataSource: DataSource,
  ) {}

  async briefing(viewer: Viewer, request: BriefingRequest): Promise<TrendBriefing> {
    const now = new Date();
    this.check(request, now);
    const period = await this.periodOf(request.at ?? now, request.period, now);
    const previous = { start: previousBucketStart(period.start, request.period), end: period.start };

    const twoPeriods = await this.trends.report(viewer, { from: previous.start, to: period.end, bucket: request.period, groupBy: request.groupBy, scope: request.scope });
    const groupsOf = (report: TrendReport, index: number) => new Map<string, PublishedCount>(report.buckets[index].groups.map((group) => [group.key, group]));
    const rising = risingGroups(groupsOf(twoPeriods, 0), groupsOf(twoPeriods, 1), request.top);

    const weekly = await this.trends.report(viewer, {
      // Exactly `weeks` ISO weeks, the last one holding the end of the period (a month or a week so far may end mid-week).
      from: new Date(bucketStart(new Date(period.end.getTime() - 1), 'WEEK').getTime() - (request.weeks - 1) * WEEK_MS),
      to: period.end,
      bucket: 'WEEK',
      groupBy: 'OBJECT_TYPE',
      scope: request.scope,
    });
    const sightingsPerWeek = weekly.buckets.map((bucket) => {
      const sightings = bucket.groups.find((group) => group.key === 'sighting');
      return { start: bucket.start, count: sightings ? sightings.count : 0, suppressed: sightings?.suppressed ?? false };
    });

    const params = new SqlParams();
    const [figures] = await this.dataSource.query(indicatorFiguresSql(viewer, period.start, period.end, now, params), params.values);
    return {
      period,
      previousPeriod: previous,
      scope: request.scope as TrendScopeValue,
      groupBy: request.groupBy as TrendGroupByValue,
      k: this.trends.k,
      rising,
      sightingsPerWeek,
      indicatorValidity: { indicators: figures.indicators, valid: figures.valid, share: figures.indicators ? figures.valid / figures.indicators : null },
      timeToFirstSighting: {
        sightedIndicators: figures.sighted,
        medianHours: figures.median_seconds === null ? null : Number(figures.median_seconds) / 3600,
      },
    };
  }

  /**
   * The last complete period ending at or before `at`; but when the hub began after that period
   * ended (a new hub, and `at` after its start), the period holding `at`, up to `at`: a briefing of
   * the empty week before the hub existed would say nothing. The hub began when its first
   * organisation was made (the operator's, at first start), which every member may know.
   */
  private async periodOf(at: Date, size: BucketSize, now: Date): Promise<Bucket> {
    const complete = lastCompleteBucket(at, size, now);
    const [{ began }] = await this.dataSource.query(`SELECT min(created_at) AS began FROM organization`);
    if (!began || complete.end > began || at < began) return complete;
    return { start: bucketStart(at, size), end: at };
  }

  private check(request: BriefingRequest, now: Date): void {
    const issues = [];
    if (request.period === TrendBucketSize.DAY) issues.push({ path: 'input.period', message: 'a briefing covers a WEEK or a MONTH' });
    else if (request.scope === TrendScopeValue.SECTOR_WIDE && request.period !== TrendBucketSize.WEEK) {
      issues.push({ path: 'input.period', message: 'a sector-wide briefing covers a WEEK (sector-wide trends are given per week)' });
    }
    if (!Number.isInteger(request.top) || request.top < 1 || request.top > MAX_TOP) issues.push({ path: 'input.top', message: `must be between 1 and ${MAX_TOP}` });
    if (!Number.isInteger(request.weeks) || request.weeks < 1 || request.weeks > MAX_WEEKS) issues.push({ path: 'input.weeks', message: `must be between 1 and ${MAX_WEEKS}` });
    if (request.at && Number.isNaN(request.at.getTime())) issues.push({ path: 'input.at', message: 'is not a valid time' });
    // Moving a future time to now would answer another question than the one asked.
    else if (request.at && request.at > now) issues.push({ path: 'input.at', message: 'is in the future; a briefing is about a period that has begun' });
    else if (request.at && request.at < EARLIEST_AT) issues.push({ path: 'input.at', message: `must be ${EARLIEST_AT.toISOString().slice(0, 10)} or later` });
    if (issues.length) throw HubError.badInput('The briefing question is not valid', issues);
  }
}
