import { Inject, Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { DOMINANCE_SHARE, EVENT_TYPE_OV, NO_TYPE } from '@hub/incident-rules';
import { ORGANIZATION_SIZES, SECTORS } from '@hub/members';
import { HUB_CONFIG, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { SqlParams } from '@hub/sharing';
import { CellFigures, isComplete, PublishedCount, publishTrendTable, TrendRowFigures } from '@hub/trend-rules';
import { DataSource } from 'typeorm';
import { TrendBucketSize, TrendScopeValue } from '@hub/trends';
import { ImpactCount, ImpactGroupByValue, ImpactMeasureValue, ImpactTrendReport } from '../dto/impact.types';
import { ImpactGroupBy, ImpactQuery, ImpactQueryInput, parseImpactQuery } from '../impact-query';
import { impactFigures, ImpactFigureRow, TOTAL_KEY } from './impact-figures.sql';

/**
 * Keys every sector-wide answer lists whatever the data (docs/trends.md, rule 4): the closed vocabularies.
 * Countries have none the hub keeps, so a country is listed only when the viewer reads an incident of it or
 * its cell stands on k organisations.
 */
const FIXED_KEYS: Record<ImpactGroupBy, readonly string[]> = {
  INCIDENT_TYPE: [...EVENT_TYPE_OV.values, NO_TYPE],
  SECTOR: [...SECTORS, NO_TYPE],
  COUNTRY: [NO_TYPE],
  ORGANIZATION_SIZE: [...ORGANIZATION_SIZES, NO_TYPE],
};

class CellTally {
  readable = 0;
  hidden = 0;
  largest = 0;
  /** The organisations of the unreadable part (one row per cell has it). */
  sources = 0;
  /** Their ids, given only when fewer than k: the k rule reads no other (publishTrendTable's restStandsOnK). */
  sourceIds: string[] | undefined = [];

  constructor(private readonly isSum: boolean) {}

  figures(): CellFigures {
    if (this.isSum && this.hidden > 0 && this.largest > DOMINANCE_SHARE * this.hidden) return { readable: this.readable, hidden: this.hidden, hiddenSources: 0, hiddenSourceIds: [] };
    return { readable: this.readable, hidden: this.hidden, hiddenSources: this.sources, hiddenSourceIds: this.sourceIds };
  }
}

/**
 * Care-impact trends: the figures of incidents under the suppression rules of trends (@hub/trend-rules'
 * publishTrendTable), so that no answer, and no pair of answers, singles out one hospital.
 */
@Injectable()
export class ImpactTrendsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** `rowByRow` counts every incident row by row, without incident_open_rollup: the tests compare both. */
  async report(viewer: Viewer, input: ImpactQueryInput, now = new Date(), options: { rowByRow?: boolean } = {}): Promise<ImpactTrendReport> {
    const parsed = parseImpactQuery(input);
    if (!parsed.ok) throw HubError.badInput('The impact trends question is not valid', parsed.issues);
    return this.answer(viewer, parsed.query, now, options);
  }

  async answer(viewer: Viewer, query: ImpactQuery, now: Date, options: { rowByRow?: boolean } = {}): Promise<ImpactTrendReport> {
    const k = this.config.trendK;
    const params = new SqlParams();
    const rows: ImpactFigureRow[] = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET LOCAL jit = off');
      // Answers counted row by row (records exposed; sector-wide, their unreadable part per cell and source)
      // hash tens of thousands of rows: with the default 4 MB those hash tables spill to disk or turn into sorts.
      await manager.query(`SET LOCAL work_mem = '16MB'`);
      return manager.query(impactFigures(viewer, query, params, { ...options, sourceIdsBelow: k }), params.values);
    });
    const tallies = new Map<string, Map<string, CellTally>>();
    for (const row of rows) {
      const cells = tallies.get(row.bucket) ?? tallies.set(row.bucket, new Map()).get(row.bucket)!;
      const cell = cells.get(row.key) ?? cells.set(row.key, new CellTally(query.measure !== 'INCIDENTS')).get(row.key)!;
      if (row.readable) cell.readable += row.value;
      else {
        cell.hidden += row.value;
        cell.largest = Math.max(cell.largest, row.largest ?? 0);
        cell.sources = row.sources ?? 0;
        // Absent ids (k or more organisations) make publishTrendTable throw if it ever needed them.
        cell.sourceIds = row.source_org_ids ?? undefined;
      }
    }
    const figureRows: TrendRowFigures[] = query.buckets.map((bucket) => {
      const cells = tallies.get(bucket.start.toISOString().slice(0, 10)) ?? new Map<string, CellTally>();
      const groups = new Map([...cells].filter(([key]) => key !== TOTAL_KEY).map(([key, cell]) => [key, cell.figures()]));
      return { start: bucket.start, complete: isComplete(bucket, now), total: cells.get(TOTAL_KEY)?.figures() ?? { readable: 0, hidden: 0, hiddenSources: 0, hiddenSourceIds: [] }, groups };
    });
    const table = publishTrendTable({ scope: query.scope, k, fixedKeys: FIXED_KEYS[query.groupBy], canHoldUnreadable: () => true, rows: figureRows });
    return {
      from: query.buckets[0].start,
      to: query.buckets[query.buckets.length - 1].end,
      bucket: query.bucket as TrendBucketSize,
      groupBy: query.groupBy as ImpactGroupByValue,
      scope: query.scope as TrendScopeValue,
      measure: query.measure as ImpactMeasureValue,
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
}

// Sums of hours may carry binary fractions; two decimals are what a report states.
const toCount = (published: PublishedCount): ImpactCount => ({
  count: published.count === null ? null : Math.round(published.count * 100) / 100,
  suppressed: published.suppressed,
});
