import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * import_bytes_used: the bytes each upload brought, per organisation, counted against the bytes
 * quota whatever became of the upload. The row outlives its job on purpose (no foreign key to
 * import_job): a refused, failed or cut-off upload is deleted with its chunks, and its bytes must
 * still count, or an organisation could upload, drop the connection and start again forever.
 * `at` is when the upload started (its job's created_at); rows leave the 24-hour window and are
 * purged with the abandoned uploads.
 */
export class ImportBytesUsed1766860000000 implements MigrationInterface {
  name = 'ImportBytesUsed1766860000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_bytes_used (
        job_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        bytes bigint NOT NULL DEFAULT 0
      )`);
    await queryRunner.query(`CREATE INDEX import_bytes_used_window ON import_bytes_used (organization_id, at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE import_bytes_used`);
  }
}
