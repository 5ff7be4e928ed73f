import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person whose password an admin set (a new account, a reset) must choose their own before doing
 * anything else. People who exist already keep working as they did.
 */
export class MustChangePassword1766840000000 implements MigrationInterface {
  name = 'MustChangePassword1766840000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE hub_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE hub_user DROP COLUMN must_change_password');
  }
}
