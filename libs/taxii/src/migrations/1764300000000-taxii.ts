import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The status resources of TAXII POSTs (spec 4.3): what happened to each object of an envelope.
 * Only the organisation that posted may read its status.
 */
export class Taxii1764300000000 implements MigrationInterface {
  name = 'Taxii1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE taxii_status (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id),
        collection_id uuid NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'complete')),
        request_timestamp timestamptz NOT NULL,
        total_count integer NOT NULL,
        success_count integer NOT NULL,
        failure_count integer NOT NULL,
        pending_count integer NOT NULL,
        successes jsonb NOT NULL DEFAULT '[]',
        failures jsonb NOT NULL DEFAULT '[]',
        pendings jsonb NOT NULL DEFAULT '[]'
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE taxii_status');
  }
}
