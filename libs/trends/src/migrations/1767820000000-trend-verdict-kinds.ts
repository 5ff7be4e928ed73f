import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A profile's verdicts on the rows counted row by row come in two kinds, kept and brought up to date
 * apart (ProfilePartsService.bringRowsUpToDate):
 *
 * - 'readable': the rows whose marking the viewer reads, judged by the feed's rule;
 * - 'hidden': the AMBER rows whose marking the viewer does not read, judged for sector-wide answers.
 *
 * A row is of one kind or the other by its own marking, so a readable answer (the dashboard's first
 * question) judges only the first kind: on the million-object set its first question judged every
 * one of some 31,000 rows for both. trend_profile_live keeps each kind's batch, organisations digest
 * and first day, and when a question last used it (a kind unused for a day is dropped: a viewer who
 * asks only readable questions would otherwise keep trend_changed back to the day it last asked a
 * sector-wide one); trend_profile_row the kind of each verdict, so that bringing one kind up to date
 * never touches (nor waits on) the other's rows. A verdict of either kind says that its row counts
 * (readable, or hidden), so the kind replaces the columns readable and hidden.
 *
 * The kept verdicts are dropped: they are judged again, per kind, on a profile's next question.
 */
export class TrendVerdictKinds1767820000000 implements MigrationInterface {
  name = 'TrendVerdictKinds1767820000000';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM trend_profile_row`);
    await queryRunner.query(`DELETE FROM trend_profile_live`);
    for (const table of ['trend_profile_live', 'trend_profile_row']) {
      await queryRunner.query(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS kind text COLLATE "C" NOT NULL CHECK (kind IN ('readable', 'hidden'))`);
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_pkey`);
    }
    await queryRunner.query(`ALTER TABLE trend_profile_live ADD PRIMARY KEY (profile_id, kind)`);
    await queryRunner.query(`ALTER TABLE trend_profile_live ADD COLUMN IF NOT EXISTS used_at timestamptz NOT NULL DEFAULT now()`);
    await queryRunner.query(`ALTER TABLE trend_profile_row ADD PRIMARY KEY (profile_id, kind, object_pk)`);
    await queryRunner.query(`ALTER TABLE trend_profile_row DROP COLUMN IF EXISTS readable, DROP COLUMN IF EXISTS hidden`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM trend_profile_row`);
    await queryRunner.query(`DELETE FROM trend_profile_live`);
    await queryRunner.query(`ALTER TABLE trend_profile_live DROP COLUMN IF EXISTS used_at`);
    await queryRunner.query(`ALTER TABLE trend_profile_row ADD COLUMN IF NOT EXISTS readable boolean NOT NULL, ADD COLUMN IF NOT EXISTS hidden boolean NOT NULL`);
    for (const table of ['trend_profile_live', 'trend_profile_row']) {
      await queryRunner.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_pkey`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN IF EXISTS kind`);
    }
    await queryRunner.query(`ALTER TABLE trend_profile_live ADD PRIMARY KEY (profile_id)`);
    await queryRunner.query(`ALTER TABLE trend_profile_row ADD PRIMARY KEY (profile_id, object_pk)`);
  }
}
