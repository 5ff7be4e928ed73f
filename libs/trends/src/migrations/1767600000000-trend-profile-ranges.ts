import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first question of an access profile was slow (on the million-object set the dashboard's first
 * visit took seconds): its profile part was built over every bucket since the hub began, and the
 * rows counted row by row were picked through an index that made every such row's page be read.
 *
 * - trend_profile_part.covered_from: like trend_profile_live.covered_from, a part holds the buckets
 *   from this day (a bucket start of its grain) on; the first question builds it from its own first
 *   bucket, an earlier question widens it. Parts built before cover everything ('-infinity').
 * - trend_object_restricted_day: the static restricted rows of a range, for building or widening a part.
 * - trend_object_row_by_row_day_pk replaces trend_object_row_by_row_day: the pk in the index lets
 *   the judging of a range pick its rows from the index alone (the rows are updated in place when
 *   they move to row-by-row counting, so they are scattered over the whole table).
 */
export class TrendProfileRanges1767600000000 implements MigrationInterface {
  name = 'TrendProfileRanges1767600000000';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trend_profile_part ADD COLUMN IF NOT EXISTS covered_from date NOT NULL DEFAULT '-infinity'`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_restricted_day ON trend_object (day) WHERE static AND tlp >= 2`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_day_pk ON trend_object (day, object_pk) WHERE NOT static`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_row_by_row_day`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_day ON trend_object (day) WHERE NOT static`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_row_by_row_day_pk, trend_object_restricted_day`);
    await queryRunner.query(`ALTER TABLE trend_profile_part DROP COLUMN IF EXISTS covered_from`);
  }
}
