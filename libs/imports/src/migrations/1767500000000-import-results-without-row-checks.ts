import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foreign key of import_job_result to import_job was checked for every result row, one by one:
 * about 25 ms of each 1,000-row batch of an import (more than inserting the rows themselves). What
 * it guaranteed holds without it:
 *
 * - a result row is written only by the worker running that job, which holds the job's claim row
 *   (and so the job, whose claim cascades from it) for as long as it runs;
 * - deleting jobs still deletes their results, by a statement trigger (as libs/sharing does for
 *   observables, IngestWithoutRowChecks1766000000001); TRUNCATE of import_job likewise.
 */
export class ImportResultsWithoutRowChecks1767500000000 implements MigrationInterface {
  name = 'ImportResultsWithoutRowChecks1767500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Results of jobs deleted before this migration are already gone (the key cascaded).
    await queryRunner.query(`ALTER TABLE import_job_result DROP CONSTRAINT IF EXISTS import_job_result_job_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION import_job_result_delete_with_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM import_job_result WHERE job_id IN (SELECT id FROM removed_jobs);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER import_job_results_deleted AFTER DELETE ON import_job
        REFERENCING OLD TABLE AS removed_jobs FOR EACH STATEMENT EXECUTE FUNCTION import_job_result_delete_with_jobs()`);
    await queryRunner.query(`
      CREATE FUNCTION import_job_result_truncate_with_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE import_job_result;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER import_job_results_truncated AFTER TRUNCATE ON import_job
        FOR EACH STATEMENT EXECUTE FUNCTION import_job_result_truncate_with_jobs()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER import_job_results_truncated ON import_job`);
    await queryRunner.query(`DROP FUNCTION import_job_result_truncate_with_jobs()`);
    await queryRunner.query(`DROP TRIGGER import_job_results_deleted ON import_job`);
    await queryRunner.query(`DROP FUNCTION import_job_result_delete_with_jobs()`);
    await queryRunner.query(`DELETE FROM import_job_result r WHERE NOT EXISTS (SELECT 1 FROM import_job j WHERE j.id = r.job_id)`);
    await queryRunner.query(`ALTER TABLE import_job_result ADD CONSTRAINT import_job_result_job_id_fkey FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE`);
  }
}
