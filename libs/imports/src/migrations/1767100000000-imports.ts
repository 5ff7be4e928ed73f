import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Import jobs.
 * - import_job: one upload, its request (format, marking, audience, anonymity, CSV mapping), who
 *   started it (the viewer is rebuilt from these when the job runs, on any replica), its status,
 *   counters and checkpoint (`position`: source items fully handled).
 * - import_upload_chunk: the uploaded file, decompressed, in chunks of at most 1 MiB, written
 *   before the job is queued so that a restart finds all of it.
 * - import_job_result: one row per source item (object or CSV row), written in the transaction
 *   that stores the object (or refuses it): an item counts once however often a resumed job
 *   meets it again.
 * - import_job_claim: one row per job that still has work; a worker holds a row lock on it while it
 *   runs the job, so that another replica skips it (FOR UPDATE SKIP LOCKED) and a worker that dies
 *   releases it with its connection.
 * - csv_mapping: CSV mappings saved per organisation, by name.
 */
export class Imports1767100000000 implements MigrationInterface {
  name = 'Imports1767100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE import_job (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        user_id uuid NOT NULL REFERENCES hub_user (id),
        key_id uuid,
        format text NOT NULL CHECK (format IN ('stix', 'csv', 'text', 'misp', 'csaf')),
        tlp text NOT NULL,
        audience jsonb NOT NULL,
        recipient_emails text[] NOT NULL DEFAULT '{}',
        anonymous boolean NOT NULL DEFAULT false,
        mapping jsonb,
        ip text,
        status text NOT NULL CHECK (status IN ('uploading', 'queued', 'running', 'done', 'failed', 'cancelled')),
        cancel_requested boolean NOT NULL DEFAULT false,
        bytes bigint NOT NULL DEFAULT 0,
        position bigint NOT NULL DEFAULT 0,
        read bigint NOT NULL DEFAULT 0,
        accepted bigint NOT NULL DEFAULT 0,
        rejected bigint NOT NULL DEFAULT 0,
        duplicates bigint NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        warnings jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX import_job_organization ON import_job (organization_id, created_at DESC, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE import_upload_chunk (
        job_id uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
        seq int NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (job_id, seq)
      )`);
    await queryRunner.query(`
      CREATE TABLE import_job_result (
        job_id uuid NOT NULL REFERENCES import_job (id) ON DELETE CASCADE,
        idx bigint NOT NULL,
        line bigint,
        stix_id text,
        status text NOT NULL CHECK (status IN ('ACCEPTED', 'DUPLICATE', 'REJECTED')),
        errors jsonb NOT NULL DEFAULT '[]',
        PRIMARY KEY (job_id, idx)
      )`);
    await queryRunner.query(`CREATE TABLE import_job_claim (job_id uuid PRIMARY KEY REFERENCES import_job (id) ON DELETE CASCADE)`);
    await queryRunner.query(`
      CREATE TABLE csv_mapping (
        organization_id uuid NOT NULL REFERENCES organization (id),
        name text NOT NULL,
        mapping jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, name)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE csv_mapping, import_job_claim, import_job_result, import_upload_chunk, import_job`);
  }
}
