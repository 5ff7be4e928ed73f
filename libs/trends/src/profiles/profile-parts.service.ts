import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { BucketSize } from '@hub/trend-rules';
import { DataSource, EntityManager } from 'typeorm';
import { Dimension } from '../figures/dimensions';
import { accessFingerprint } from './access-profile';
import { applyProfileChanges, dayBefore, dropIdleParts, partCountsHidden, PartState, ProfilePart, refreshHiddenSources } from './profile-part.sql';
import { judgeRows, ORGANIZATIONS_DIGEST, touchedRows, VerdictKind } from './profile-rows.sql';

// A profile nobody used for this long is dropped (and rebuilt if its viewer comes back).
const PROFILE_IDLE_DAYS = 30;
// A part no question read for this long is dropped (and built again if asked): trend_retraction is
// kept back to the oldest part's batch.
const PART_IDLE_DAYS = 7;
// Kept verdicts of a kind nobody used for this long are dropped (judged again from scratch if its
// viewer comes back), so that trend_changed holds about a day of changes, not a month.
const VERDICTS_IDLE_HOURS = 24;

/**
 * The restricted objects an access profile may read, counted per bucket and group, kept up to date
 * one batch of new rows at a time. Building a part reads every restricted row the profile may read
 * once; afterwards each request applies only what arrived since.
 */
@Injectable()
export class ProfilePartsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The viewer's access profile (made when new), marked as used; returns its id. Committed on its
   * own, before the part and the verdicts are brought up to date: those run at the same time, each
   * in its own transaction, and both reference the profile (a profile row not yet committed would
   * make the one wait for the other).
   */
  async profileOf(viewer: Viewer): Promise<number> {
    const [{ id }] = await this.dataSource.query(
      `INSERT INTO trend_profile (fingerprint) VALUES ($1)
       ON CONFLICT (fingerprint) DO UPDATE SET last_used_at = now() RETURNING id`,
      [accessFingerprint(viewer)],
    );
    return Number(id);
  }

  /**
   * Makes sure the profile's part exists, holds every batch taken into account so far and covers
   * `fromDay` (YYYY-MM-DD, a bucket start of `grain`) onwards. The first question of a part builds
   * it from its own first bucket only (not from the hub's first day); an earlier question widens it.
   */
  async bringUpToDate(viewer: Viewer, profileId: number, grain: BucketSize, dimension: Dimension, fromDay: string): Promise<void> {
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await holdOffTrim(manager);
      const part: ProfilePart = { profileId, grain, dimension };
      await manager.query(
        `INSERT INTO trend_profile_part (profile_id, grain, dim, upto_batch, covered_from) VALUES ($1, $2, $3, 0, 'infinity')
         ON CONFLICT (profile_id, grain, dim) DO UPDATE SET used_at = now()`,
        [part.profileId, grain, dimension.rollupDim],
      );
      // The lock makes a concurrent request for the same part wait, then see the batches applied here.
      const [locked] = await manager.query(
        `SELECT upto_batch, covered_from::text AS covered_from FROM trend_profile_part WHERE profile_id = $1 AND grain = $2 AND dim = $3 FOR UPDATE`,
        [part.profileId, grain, dimension.rollupDim],
      );
      const state: PartState = { upto: Number(locked.upto_batch), coveredFrom: locked.covered_from };
      if (state.coveredFrom === 'infinity') {
        // Not built yet, so it has no cells. Any found are left from a part tidy() dropped while a
        // replica of code older than used_at (which neither stamps nor locks it first) was still
        // committing into it: building on them would count their rows twice.
        for (const table of ['trend_profile_cell', 'trend_profile_source']) {
          await manager.query(`DELETE FROM ${table} WHERE profile_id = $1 AND grain = $2 AND dim = $3`, [part.profileId, grain, dimension.rollupDim]);
        }
      }
      const [{ current }] = await manager.query(`SELECT coalesce(max(batch), 0) AS current FROM trend_batch`);
      // Only to skip the work when there is none: the statement that applies reads the batch itself.
      if (Number(current) > state.upto || dayBefore(fromDay, state.coveredFrom)) await this.apply(manager, viewer, part, state, fromDay);
    });
  }

  /**
   * Makes sure the profile's verdicts of one kind on the rows counted row by row (trend_profile_row)
   * hold every batch taken into account so far and cover `fromDay` (YYYY-MM-DD) onwards. The first
   * question judges the rows from its first day on; later ones judge only the rows a new batch may
   * have changed (touchedRows), and the days before the covered ones when asked for. Each kind has
   * its own state and rows: a readable answer never waits for the other kind.
   */
  async bringRowsUpToDate(viewer: Viewer, profileId: number, fromDay: string, kind: VerdictKind): Promise<void> {
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await holdOffTrim(manager);
      // One statement that always returns the row, locked: the lock makes a concurrent request of the
      // same profile and kind wait, then see the verdicts kept here. (An insert that did nothing, then
      // a SELECT … FOR UPDATE, found no row when tidy() dropped it in between.)
      const [live] = await manager.query(
        `INSERT INTO trend_profile_live (profile_id, kind, upto_batch, organizations, covered_from) VALUES ($1, $2, -1, '', 'infinity')
         ON CONFLICT (profile_id, kind) DO UPDATE SET used_at = now()
         RETURNING upto_batch, organizations, covered_from::text AS covered_from`,
        [profileId, kind],
      );
      const [{ current, organizations }] = await manager.query(
        `SELECT (SELECT coalesce(max(batch), 0) FROM trend_batch) AS current, ${ORGANIZATIONS_DIGEST} AS organizations`,
      );
      const upto = Number(live.upto_batch);
      const coveredFrom: string = live.covered_from === 'infinity' || fromDay < live.covered_from ? fromDay : live.covered_from;
      if (upto === Number(current) && organizations === live.organizations && coveredFrom === live.covered_from) return;
      await manager.query('SET LOCAL jit = off');
      const judge = async (which: (params: SqlParams) => string) => {
        const params = new SqlParams();
        await manager.query(judgeRows(viewer, profileId, kind, which(params), params), params.values);
      };
      if (upto < 0 || organizations !== live.organizations) {
        // New, or an organisation's identity was added or changed: identities are followable by everyone.
        await manager.query(`DELETE FROM trend_profile_row WHERE profile_id = $1 AND kind = $2`, [profileId, kind]);
        await judge((params) => `t.day >= ${params.bind(coveredFrom)}::date`);
      } else {
        if (Number(current) > upto) {
          const touchedParams = new SqlParams();
          const touched: string[] = (await manager.query(touchedRows(upto, Number(current), touchedParams), touchedParams.values)).map((row: { object_pk: string }) => row.object_pk);
          if (touched.length) {
            await manager.query(`DELETE FROM trend_profile_row WHERE profile_id = $1 AND kind = $2 AND object_pk = ANY ($3::bigint[])`, [profileId, kind, touched]);
            await judge((params) => `t.object_pk = ANY (${params.bind(touched)}::bigint[]) AND t.day >= ${params.bind(live.covered_from)}::date`);
          }
        }
        if (coveredFrom !== live.covered_from) {
          await judge((params) => `t.day >= ${params.bind(coveredFrom)}::date AND t.day < ${params.bind(live.covered_from)}::date`);
        }
      }
      await manager.query(`UPDATE trend_profile_live SET upto_batch = $3, organizations = $4, covered_from = $5::date WHERE profile_id = $1 AND kind = $2`, [
        profileId,
        kind,
        current,
        organizations,
        coveredFrom,
      ]);
    });
  }

  /**
   * Drops profiles nobody used lately, parts nobody read for a week, verdicts nobody used for a day,
   * and the retractions and changes every remaining profile has already applied.
   */
  async tidy(): Promise<void> {
    await this.dataSource.query(`DELETE FROM trend_profile WHERE last_used_at < now() - make_interval(days => $1)`, [PROFILE_IDLE_DAYS]);
    const idleParts = new SqlParams();
    await this.dataSource.query(dropIdleParts(PART_IDLE_DAYS, idleParts), idleParts.values);
    // One statement: a request's snapshot sees a profile's verdicts with their stamp, or neither.
    await this.dataSource.query(
      `WITH idle AS (
         DELETE FROM trend_profile_live live WHERE live.used_at < now() - make_interval(hours => $1)
         RETURNING live.profile_id, live.kind)
       DELETE FROM trend_profile_row verdict USING idle WHERE verdict.profile_id = idle.profile_id AND verdict.kind = idle.kind`,
      [VERDICTS_IDLE_HOURS],
    );
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      // A part or verdicts being built are invisible here until their transaction commits, stamped
      // with a batch read before this trim: without the lock, the changes they still need could go
      // (a batch committed while they judged on an older snapshot). With it, the statements below
      // take their snapshot after every build under way committed, and a build starting later reads
      // a current batch at least as late as anything trimmed. Only tried: waiting would queue every
      // request behind a long first build; the next tidy() (10 seconds later) trims instead.
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock(hashtext('trend_profile_trim')) AS locked`);
      if (!locked) return;
      await manager.query(
        `DELETE FROM trend_retraction
         WHERE batch <= coalesce((SELECT min(upto_batch) FROM trend_profile_part), (SELECT coalesce(max(batch), 0) FROM trend_batch))`,
      );
      await manager.query(
        `DELETE FROM trend_changed
         WHERE batch <= coalesce((SELECT min(upto_batch) FROM trend_profile_live), (SELECT coalesce(max(batch), 0) FROM trend_batch))`,
      );
    });
  }

  private async apply(manager: EntityManager, viewer: Viewer, part: ProfilePart, state: PartState, fromDay: string): Promise<void> {
    const params = new SqlParams();
    await manager.query('SET LOCAL jit = off');
    const touched: { bucket: string; key: string }[] = await manager.query(applyProfileChanges(viewer, part, state, fromDay, params), params.values);
    if (!partCountsHidden(part.grain) || !touched.length) return;
    const refresh = new SqlParams();
    const sql = refreshHiddenSources(
      part,
      touched.map((cell) => cell.bucket),
      touched.map((cell) => cell.key),
      refresh,
    );
    await manager.query(sql, refresh.values);
  }
}

/** Builds of parts and verdicts hold this (shared) until they commit; tidy()'s trim takes it alone. */
async function holdOffTrim(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext('trend_profile_trim'))`);
}
