import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions of people signed in to the console with a browser (HttpOnly cookie). Only a hash of the
 * cookie is stored, so a copy of the table opens nothing. A row is ended, never deleted, until long
 * after it expired: "you were signed out" can then say why.
 */
export class BrowserSessions1766200000000 implements MigrationInterface {
  name = 'BrowserSessions1766200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE browser_session (
        id_hash bytea PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES hub_user (id),
        session_version integer NOT NULL,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text,
        CONSTRAINT browser_session_end_reason CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX browser_session_user ON browser_session (user_id)`);
    await queryRunner.query(`CREATE INDEX browser_session_expires ON browser_session (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE browser_session`);
  }
}
