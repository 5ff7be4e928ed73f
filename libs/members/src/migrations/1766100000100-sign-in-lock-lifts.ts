import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per account or address whose sign-in lock an admin lifted (or whose password was reset).
 * The failure counters live in memory or Redis, out of reach of the operators' command line; the
 * generation is part of every counter key, so raising it here starts a fresh count on every replica.
 */
export class SignInLockLifts1766100000100 implements MigrationInterface {
  name = 'SignInLockLifts1766100000100';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sign_in_lock_lift (
        subject text PRIMARY KEY,
        generation integer NOT NULL,
        lifted_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE sign_in_lock_lift');
  }
}
