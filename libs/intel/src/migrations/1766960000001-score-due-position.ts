import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The due scores in the order the decay batch takes them, (next_check, object_pk): each statement
 * of a pass carries on after the last row the one before it took (DECAY_DUE of libs/intel's
 * scores.sql.ts) instead of walking again, from the oldest, over the index entries of the rows the
 * pass has already moved. Replaces indicator_score_due (next_check alone), which nothing else reads.
 */
export class ScoreDuePosition1766960000001 implements MigrationInterface {
  name = 'ScoreDuePosition1766960000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX indicator_score_due_position ON indicator_score (next_check, object_pk) WHERE next_check IS NOT NULL`);
    await queryRunner.query(`DROP INDEX indicator_score_due`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX indicator_score_due ON indicator_score (next_check) WHERE next_check IS NOT NULL`);
    await queryRunner.query(`DROP INDEX indicator_score_due_position`);
  }
}
