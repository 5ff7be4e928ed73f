import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * trend_object_restricted_batch_day (batch, day) replaces trend_object_restricted_batch (batch).
 *
 * Building a profile part reads the static restricted rows of a range of days. The planner read
 * them through the batch index from its first entry (batches follow the hub's history almost
 * exactly, correlation ~1, where days are ~0.85), fetching every restricted row of the hub to keep
 * the range's: on the million-object set 290,000 rows fetched and dropped for 87,000 kept, ~0.2 s of
 * the console's first Trends visit. With the day beside the batch the range is checked in the index,
 * and the planner reads the day index instead (a bitmap scan, ~40 ms). A part's catch-up (batches
 * since, days from) keeps an index of its own shape.
 */
export class TrendRestrictedBatchDay1767800000000 implements MigrationInterface {
  name = 'TrendRestrictedBatchDay1767800000000';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_restricted_batch_day ON trend_object (batch, day) WHERE static AND tlp >= 2`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_restricted_batch`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_restricted_batch ON trend_object (batch) WHERE static AND tlp >= 2`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_restricted_batch_day`);
  }
}
