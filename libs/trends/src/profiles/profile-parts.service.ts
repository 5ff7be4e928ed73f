import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { SqlParams } from '@hub/sharing';
import { BucketSize } from '@hub/trend-rules';
import { DataSource, EntityManager } from 'typeorm';
import { Dimension } from '../figures/dimensions';
import { accessFingerprint } from './access-profile';
import { applyProfileChanges, partCountsHidden, ProfilePart, refreshHiddenSources } from './profile-part.sql';

// A profile nobody used for this long is dropped (and rebuilt if its viewer comes back).
const PROFILE_IDLE_DAYS = 30;

/**
 * The restricted objects an access profile may read, counted per bucket and group, kept up to date
 * one batch of new rows at a time. Building a part reads every restricted row the profile may read
 * once; afterwards each request applies only what arrived since.
 */
@Injectable()
export class ProfilePartsService {
  constructor(private readonly dataSource: DataSource) {}

  /** Makes sure the part exists and holds every batch taken into account so far; returns the profile id. */
  async bringUpToDate(viewer: Viewer, grain: BucketSize, dimension: Dimension): Promise<number> {
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO trend_profile (fingerprint) VALUES ($1)
         ON CONFLICT (fingerprint) DO UPDATE SET last_used_at = now() RETURNING id`,
        [accessFingerprint(viewer)],
      );
      const part: ProfilePart = { profileId: Number(id), grain, dimension };
      await manager.query(
        `INSERT INTO trend_profile_part (profile_id, grain, dim, upto_batch) VALUES ($1, $2, $3, 0) ON CONFLICT DO NOTHING`,
        [part.profileId, grain, dimension.rollupDim],
      );
      // The lock makes a concurrent request for the same part wait, then see the batches applied here.
      const [{ upto_batch: upto }] = await manager.query(
        `SELECT upto_batch FROM trend_profile_part WHERE profile_id = $1 AND grain = $2 AND dim = $3 FOR UPDATE`,
        [part.profileId, grain, dimension.rollupDim],
      );
      const [{ current }] = await manager.query(`SELECT coalesce(max(batch), 0) AS current FROM trend_batch`);
      if (Number(current) > Number(upto)) {
        await this.apply(manager, viewer, part, Number(upto), Number(current));
        await manager.query(`UPDATE trend_profile_part SET upto_batch = $4 WHERE profile_id = $1 AND grain = $2 AND dim = $3`, [
          part.profileId,
          grain,
          dimension.rollupDim,
          current,
        ]);
      }
      return part.profileId;
    });
  }

  /** Drops profiles nobody used lately, and the retractions every remaining part has already applied. */
  async tidy(): Promise<void> {
    await this.dataSource.query(`DELETE FROM trend_profile WHERE last_used_at < now() - make_interval(days => $1)`, [PROFILE_IDLE_DAYS]);
    await this.dataSource.query(
      `DELETE FROM trend_retraction
       WHERE batch <= coalesce((SELECT min(upto_batch) FROM trend_profile_part), (SELECT coalesce(max(batch), 0) FROM trend_batch))`,
    );
  }

  private async apply(manager: EntityManager, viewer: Viewer, part: ProfilePart, upto: number, current: number): Promise<void> {
    const params = new SqlParams();
    await manager.query('SET LOCAL jit = off');
    const touched: { bucket: string; key: string }[] = await manager.query(applyProfileChanges(viewer, part, upto, current, params), params.values);
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
