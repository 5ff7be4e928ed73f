import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The object type on each kept verdict (trend_profile_row.type, never changing: an object keeps its
 * type), with an index by profile, type and day. A question about some types (indicators by indicator
 * type, the bench's and the dashboard's charts) read every verdict of the profile in its range — a
 * year's 60,000 relationships and sightings on the million-object set — and fetched each one's
 * trend_object row only to find it of another type: 100–150 ms a question, over the 150 ms target
 * at p99. The planner cannot be relied on to start from trend_object instead (its estimate of
 * "not static and of this type" multiplies the two, ~80,000 rows where there are none).
 */
export class TrendProfileRowType1767700000003 implements MigrationInterface {
  name = 'TrendProfileRowType1767700000003';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trend_profile_row ADD COLUMN IF NOT EXISTS type text COLLATE "C"`);
    await queryRunner.query(`UPDATE trend_profile_row j SET type = t.type FROM trend_object t WHERE t.object_pk = j.object_pk AND j.type IS DISTINCT FROM t.type`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_profile_row_type_day ON trend_profile_row (profile_id, type, day)`);
    // A replica still running the code before this (a rolling upgrade) writes verdicts without the
    // type; questions filtering by type would drop them.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trend_profile_row_type() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type IS NULL THEN
          NEW.type := (SELECT type FROM trend_object WHERE object_pk = NEW.object_pk);
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_profile_row_type ON trend_profile_row`);
    await queryRunner.query(`CREATE TRIGGER trend_profile_row_type BEFORE INSERT OR UPDATE ON trend_profile_row FOR EACH ROW EXECUTE FUNCTION trend_profile_row_type()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_profile_row_type ON trend_profile_row`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trend_profile_row_type()`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_profile_row_type_day`);
    await queryRunner.query(`ALTER TABLE trend_profile_row DROP COLUMN IF EXISTS type`);
  }
}
