import { MigrationInterface, QueryRunner } from 'typeorm';

/** The staff size band of an organisation (organizations/size.ts), optional: existing organisations have none. */
export class OrganizationSize1766870000000 implements MigrationInterface {
  name = 'OrganizationSize1766870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organization ADD COLUMN size text CONSTRAINT organization_size CHECK (size IN ('MICRO', 'SMALL', 'MEDIUM', 'LARGE'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE organization DROP COLUMN size`);
  }
}
