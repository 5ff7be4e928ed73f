import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A status names what one POST stored or refused, whatever its marking: only its poster (the person,
 * or the API key) reads it, as for import jobs, not every person and key of the organisation (a CLIENTS
 * key would read the ids of another key's AMBER+STRICT objects). Statuses kept from before have no
 * poster and are read by nobody; clients read a status right after their POST, so none is missed.
 */
export class TaxiiStatusPoster1767700000000 implements MigrationInterface {
  name = 'TaxiiStatusPoster1767700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE taxii_status ADD COLUMN user_id uuid, ADD COLUMN key_id uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE taxii_status DROP COLUMN user_id, DROP COLUMN key_id`);
  }
}
