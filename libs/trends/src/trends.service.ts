import { Inject, Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { HUB_CONFIG, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import { DataSource } from 'typeorm';
import { PublishedCount, publishTrendTable, PublishedTable } from '@hub/trend-rules';
import { TrendCatchUpService } from './catch-up/trend-catch-up.service';
import { TrendBucketSize, TrendGroupByValue, TrendScopeValue } from './dto/trend.enums';
import { TrendCount, TrendReport } from './dto/trend.types';
import { TrendFiguresService } from './figures/trend-figures.service';
import { parseTrendQuery, TrendQuery, TrendQueryInput } from './trend-query';

/** Answers trends questions: catch up, read the figures, apply the suppression rules, shape the report. */
@Injectable()
export class TrendsService {
  constructor(
    private readonly catchUp: TrendCatchUpService,
    private readonly figures: TrendFiguresService,
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  get k(): number {
    return this.config.trendK;
  }

  /** Validates the question (BAD_USER_INPUT with field issues) and answers it. */
  async report(viewer: Viewer, input: TrendQueryInput, options: { rowByRow?: boolean } = {}): Promise<TrendReport> {
    const parsed = parseTrendQuery(input);
    if (!parsed.ok) throw HubError.badInput('The trends question is not valid', parsed.issues);
    await this.checkFilterValuesKnown(viewer, parsed.query);
    return this.answer(viewer, parsed.query, options);
  }

  /**
   * A sector-wide filter on a type or label the viewer has never seen would be an oracle: a
   * suppressed cell against a zero tells whether unreadable objects carry a guessed label. So a
   * sector-wide type or label filter needs an object the viewer may read that has it.
   */
  private async checkFilterValuesKnown(viewer: Viewer, query: TrendQuery): Promise<void> {
    if (query.scope !== 'SECTOR_WIDE') return;
    for (const name of ['types', 'labels'] as const) {
      const values = query.filters[name];
      if (!values?.length) continue;
      const params = new SqlParams();
      const [{ known }] = await this.dataSource.query(
        `SELECT EXISTS (SELECT 1 FROM stix_object o WHERE ${readableObjectsWhere(viewer, { [name]: values }, params, 'o')}) AS known`,
        params.values,
      );
      if (!known) throw HubError.badInput('The trends question is not valid', [{ path: `input.${name}`, message: `a sector-wide trend filters only by a ${name === 'types' ? 'type' : 'label'} of an object you may read` }]);
    }
  }

  async answer(viewer: Viewer, query: TrendQuery, options: { rowByRow?: boolean } = {}): Promise<TrendReport> {
    await this.catchUp.catchUp();
    const table = publishTrendTable(await this.figures.tableFigures(viewer, query, this.k, new Date(), options));
    return toTrendReport(query, table, this.k);
  }
}

function toTrendReport(query: TrendQuery, table: PublishedTable, k: number): TrendReport {
  return {
    from: query.buckets[0].start,
    to: query.buckets[query.buckets.length - 1].end,
    bucket: query.bucket as TrendBucketSize,
    groupBy: query.groupBy as TrendGroupByValue,
    scope: query.scope as TrendScopeValue,
    k,
    buckets: table.rows.map((row, index) => ({
      start: row.start,
      end: query.buckets[index].end,
      complete: row.complete,
      countsUnreadable: row.countsUnreadable,
      groups: [...row.groups].map(([key, count]) => ({ key, ...toCount(count) })),
      total: toCount(row.total),
    })),
    totals: [...table.keyTotals].map(([key, count]) => ({ key, ...toCount(count) })),
    total: toCount(table.total),
  };
}

function toCount(published: PublishedCount): TrendCount {
  return { count: published.count, suppressed: published.suppressed };
}
