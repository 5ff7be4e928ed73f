import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trend_object_row_by_row_batch_day (batch, day) replaces trend_object_row_by_row_batch (batch),
 * for the same reason as trend_object_restricted_batch_day: judging a profile's verdicts for a range
 * of days read the rows counted row by row through the batch index from its first entry (on the
 * million-object set ~120 ms of the first question went on rows before the range). With the day in
 * the index the range is checked there; the batches-since read (touchedRows) keeps its index shape.
 */
export class TrendRowByRowBatchDay1767800000001 implements MigrationInterface {
  name = 'TrendRowByRowBatchDay1767800000001';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_batch_day ON trend_object (batch, day) WHERE NOT static`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_row_by_row_batch`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_batch ON trend_object (batch) WHERE NOT static`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_row_by_row_batch_day`);
  }
}
