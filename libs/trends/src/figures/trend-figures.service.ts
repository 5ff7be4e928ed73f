import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { CellFigures, isComplete, RegionFigures, TrendRowFigures, TrendTableFigures } from '@hub/trend-rules';
import { DataSource, EntityManager } from 'typeorm';
import { ProfilePartsService } from '../profiles/profile-parts.service';
import { hasFilters, TrendQuery } from '../trend-query';
import { DIMENSIONS, TOTAL_KEY } from './dimensions';
import { rollupParts, rowByRowPart, smallCellSources } from './rollup.sql';
import { MAIN_REGION, rowByRowFigures } from './row-by-row.sql';
import { dayRange, isoDay } from './trend-sql';
import { ORGANIZATIONS_DIGEST, VerdictKind } from '../profiles/profile-rows.sql';
import { partGrainFor } from '../profiles/profile-part.sql';

interface RollupRow {
  part: 'open' | 'profile';
  bucket: string;
  key: string;
  a: number;
  b: number;
  c: number;
}

interface LiveSourceRow {
  bucket: string;
  key: string;
  /** Null in a readable answer (no hidden rows there: its rows are per cell). */
  source_org_id: string | null;
  readable: number;
  hidden: number;
  hidden_through_static: boolean;
}

interface RegionRow {
  bucket: string;
  key: string;
  region: string;
  readable: number;
  hidden: number;
  hidden_sources: number;
  hidden_source_ids: string[] | null;
}

interface SmallCellSourcesRow {
  bucket: string;
  key: string;
  sources: string[];
}

/** The counts one cell is made of, before they become RegionFigures. */
class CellTally {
  readable = 0;
  hidden = 0;
  hiddenSources = 0;
  /** Sources of the unreadable part, known for cells with fewer than k of them through static rows. */
  readonly sourceIds = new Set<string>();

  figures(): CellFigures {
    return { readable: this.readable, hidden: this.hidden, hiddenSources: this.hiddenSources, hiddenSourceIds: [...this.sourceIds] };
  }
}

// Tries to read the rollups in a snapshot where the profile part is current; a concurrent catch-up
// can get in between, then the part is brought up to date again.
const SNAPSHOT_ATTEMPTS = 3;

/**
 * The figures of a trend answer for one viewer, from the database. Unfiltered groupings that have a
 * rollup are read from the rollups (the fast path); filters and malware families are computed row
 * by row over trend_object. Both give the same figures (tested), so the choice is only speed.
 */
@Injectable()
export class TrendFiguresService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfilePartsService,
  ) {}

  async tableFigures(viewer: Viewer, query: TrendQuery, k: number, now: Date, options: { rowByRow?: boolean } = {}): Promise<TrendTableFigures> {
    const dimension = DIMENSIONS[query.groupBy];
    const useRollups = !options.rowByRow && dimension.rollupDim !== null && !hasFilters(query.filters);
    const cells = (useRollups ? await this.fromRollups(viewer, query, k) : null) ?? (await this.rowByRow(viewer, query, k));
    const rows: TrendRowFigures[] = query.buckets.map((bucket) => {
      const bucketCells = cells.get(isoDay(bucket.start)) ?? new Map<string, CellFigures>();
      const groups = new Map([...bucketCells].filter(([key]) => key !== TOTAL_KEY));
      return { start: bucket.start, complete: isComplete(bucket, now), total: bucketCells.get(TOTAL_KEY) ?? { readable: 0, hidden: 0, hiddenSources: 0 }, groups };
    });
    return { scope: query.scope, k, fixedKeys: dimension.fixedKeys, canHoldUnreadable: dimension.canHoldUnreadable, rows };
  }

  private async fromRollups(viewer: Viewer, query: TrendQuery, k: number): Promise<Map<string, Map<string, CellFigures>> | null> {
    const dimension = DIMENSIONS[query.groupBy];
    const { from } = dayRange(query.buckets);
    const grain = partGrainFor(query.scope, query.bucket);
    // Only sector-wide answers count what the viewer may not read.
    const kinds: VerdictKind[] = query.scope === 'SECTOR_WIDE' ? ['readable', 'hidden'] : ['readable'];
    const profileId = await this.profiles.profileOf(viewer);
    for (let attempt = 0; attempt < SNAPSHOT_ATTEMPTS; attempt += 1) {
      // Independent of each other, so built at the same time: a profile's first question waits for
      // the longest, not for all one after the other.
      await Promise.all([
        this.profiles.bringUpToDate(viewer, profileId, grain, dimension, from),
        ...kinds.map((kind) => this.profiles.bringRowsUpToDate(viewer, profileId, from, kind)),
      ]);
      const cells = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
        // The rollups and the few rows counted row by row are small reads: starting parallel
        // workers (tens of milliseconds) or compiling (jit) would cost more than they save.
        await manager.query('SET LOCAL jit = off');
        await manager.query('SET LOCAL max_parallel_workers_per_gather = 0');
        const [{ current, upto, rows_upto: rowsUpto }] = await manager.query(
          `SELECT (SELECT coalesce(max(batch), 0) FROM trend_batch) AS current,
                  (SELECT upto_batch FROM trend_profile_part
                   WHERE profile_id = $1 AND grain = $2 AND dim = $3 AND covered_from <= $4::date) AS upto,
                  (SELECT CASE WHEN count(*) = cardinality($5::text[]) THEN min(upto_batch) END FROM trend_profile_live
                   WHERE profile_id = $1 AND kind = ANY ($5::text[]) AND covered_from <= $4::date AND organizations = ${ORGANIZATIONS_DIGEST}) AS rows_upto`,
          [profileId, grain, dimension.rollupDim, from, kinds],
        );
        // Both the profile part and the profile's verdicts (of each kind the answer reads) on the other
        // rows must hold this snapshot's batches and cover the answer's days: a stamp is never past the
        // snapshot's batch, so the oldest of them tells.
        if (upto === null || rowsUpto === null || Number(current) !== Number(upto) || Number(current) !== Number(rowsUpto)) return null;
        return this.readRollups(manager, viewer, query, profileId, k);
      });
      if (cells) return cells;
    }
    return null;
  }

  private async readRollups(manager: EntityManager, viewer: Viewer, query: TrendQuery, profileId: number, k: number): Promise<Map<string, Map<string, CellFigures>>> {
    const partsParams = new SqlParams();
    const parts: RollupRow[] = await manager.query(rollupParts(viewer, query, profileId, partsParams), partsParams.values);
    const liveParams = new SqlParams();
    const live: LiveSourceRow[] = await manager.query(rowByRowPart(viewer, query, profileId, liveParams), liveParams.values);

    const tallies = new Map<string, Map<string, CellTally>>();
    const tally = (bucket: string, key: string) => {
      const bucketTallies = tallies.get(bucket) ?? tallies.set(bucket, new Map()).get(bucket)!;
      return bucketTallies.get(key) ?? bucketTallies.set(key, new CellTally()).get(key)!;
    };
    for (const row of parts) {
      const cell = tally(row.bucket, row.key);
      cell.readable += row.a;
      if (row.part === 'profile' && query.scope === 'SECTOR_WIDE') {
        cell.hidden += row.b;
        cell.hiddenSources += row.c;
      }
    }
    for (const row of live) {
      const cell = tally(row.bucket, row.key);
      cell.readable += row.readable;
      cell.hidden += row.hidden;
      // A source hidden only through rows counted row by row is one more hidden source.
      if (row.hidden > 0 && !row.hidden_through_static) cell.hiddenSources += 1;
      if (row.hidden > 0 && row.source_org_id !== null) cell.sourceIds.add(row.source_org_id);
    }
    if (query.scope === 'SECTOR_WIDE') {
      // A cell with fewer than k hidden sources in all has fewer through static rows: their ids are few.
      const sourcesParams = new SqlParams();
      const small: SmallCellSourcesRow[] = await manager.query(smallCellSources(query, profileId, k, sourcesParams), sourcesParams.values);
      for (const row of small) for (const id of row.sources) tally(row.bucket, row.key).sourceIds.add(id);
    }
    return new Map([...tallies].map(([bucket, cells]) => [bucket, new Map([...cells].map(([key, cell]) => [key, cell.figures()]))]));
  }

  private async rowByRow(viewer: Viewer, query: TrendQuery, k: number): Promise<Map<string, Map<string, CellFigures>>> {
    const params = new SqlParams();
    const rows: RegionRow[] = await this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET LOCAL jit = off');
      return manager.query(rowByRowFigures(viewer, query, k, params), params.values);
    });
    const cells = new Map<string, Map<string, CellFigures>>();
    const cell = (bucket: string, key: string): CellFigures => {
      const bucketCells = cells.get(bucket) ?? cells.set(bucket, new Map()).get(bucket)!;
      return bucketCells.get(key) ?? bucketCells.set(key, { readable: 0, hidden: 0, hiddenSources: 0, guards: [] }).get(key)!;
    };
    for (const row of rows) {
      const figures: RegionFigures = { readable: row.readable, hidden: row.hidden, hiddenSources: row.hidden_sources };
      const target = cell(row.bucket, row.key);
      if (row.region === MAIN_REGION) Object.assign(target, figures, { hiddenSourceIds: row.hidden_source_ids ?? [] });
      else target.guards!.push(figures);
    }
    return cells;
  }
}
