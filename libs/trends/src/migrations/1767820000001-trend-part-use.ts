import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trend_profile_part.used_at: when a question last read the part. Parts were dropped only with their
 * profile (unused for 30 days), yet tidy() keeps trend_retraction back to the oldest part's batch: a
 * part nobody asks for any more (a grouping asked once, or a month or readable week part, which
 * answers no longer read since readable answers read day parts) held every retraction since. Parts
 * unused for a week are now dropped with their cells and sources (and built again if asked).
 *
 * The month parts are dropped now: no answer reads them.
 */
export class TrendPartUse1767820000001 implements MigrationInterface {
  name = 'TrendPartUse1767820000001';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trend_profile_part ADD COLUMN IF NOT EXISTS used_at timestamptz NOT NULL DEFAULT now()`);
    // One statement: a question's snapshot sees a part with its cells, or neither.
    await queryRunner.query(`WITH dropped AS (
        DELETE FROM trend_profile_part WHERE grain = 'MONTH' RETURNING profile_id, grain, dim
      ), cells AS (
        DELETE FROM trend_profile_cell cell USING dropped WHERE (cell.profile_id, cell.grain, cell.dim) = (dropped.profile_id, dropped.grain, dropped.dim)
      )
      DELETE FROM trend_profile_source source USING dropped WHERE (source.profile_id, source.grain, source.dim) = (dropped.profile_id, dropped.grain, dropped.dim)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trend_profile_part DROP COLUMN IF EXISTS used_at`);
  }
}
