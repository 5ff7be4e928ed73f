import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The columns the verdicts on a row counted row by row are judged by (modified, required_refs,
 * submitted_by, created_by_ref: what readableRowsAmong reads besides the marking), kept on the row's
 * trend_object row while it is not static. Judging a profile's first question fetched each such row from stix_object by pk: on the
 * million-object set some 20,000 index probes into a table far larger than the cache, a third of the
 * statement, while trend_object's own rows are read anyway.
 *
 * A trigger fills them when a row is taken in or moves to row-by-row counting (trend_track inserts,
 * trend_count_row_by_row sets static), from the stored row as the batch finds it; a stored row
 * changed later is taken in again by a later batch, like every other column of trend_object. A row
 * whose stored row is gone gets none (it leaves trend_object in the same batch): the judging skips
 * rows without required_refs, as it skipped rows it found no stored row for. A later migration that
 * updates stored rows with trend_queue_updated disabled (as 1766500000000 and 1766700000001 did,
 * before this one) must refresh these copies too.
 */
export class TrendJudgedColumns1767820000002 implements MigrationInterface {
  name = 'TrendJudgedColumns1767820000002';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE trend_object ADD COLUMN IF NOT EXISTS modified timestamptz,
      ADD COLUMN IF NOT EXISTS required_refs text[], ADD COLUMN IF NOT EXISTS submitted_by uuid, ADD COLUMN IF NOT EXISTS created_by_ref text`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION trend_object_judged_columns() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- No row found leaves all four NULL.
        SELECT o.modified, o.required_refs, o.submitted_by, CASE WHEN o.required_refs <> '{}' THEN o.stix->>'created_by_ref' END
          INTO NEW.modified, NEW.required_refs, NEW.submitted_by, NEW.created_by_ref
          FROM stix_object o WHERE o.pk = NEW.object_pk;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_object_judged_columns ON trend_object`);
    await queryRunner.query(
      // Static rows (most of them: an import's catch-up takes in a million) never call it; a row is
      // never made static again, so no column is left behind on one.
      `CREATE TRIGGER trend_object_judged_columns BEFORE INSERT OR UPDATE OF static ON trend_object FOR EACH ROW WHEN (NOT NEW.static) EXECUTE FUNCTION trend_object_judged_columns()`,
    );
    // Rows counted row by row before this (setting static calls the trigger): their columns as the
    // stored rows hold them now.
    await queryRunner.query(`UPDATE trend_object t SET static = t.static WHERE NOT t.static`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_object_judged_columns ON trend_object`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trend_object_judged_columns()`);
    await queryRunner.query(`ALTER TABLE trend_object DROP COLUMN IF EXISTS modified, DROP COLUMN IF EXISTS required_refs,
      DROP COLUMN IF EXISTS submitted_by, DROP COLUMN IF EXISTS created_by_ref`);
  }
}
