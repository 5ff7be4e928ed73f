import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * warninglist: the lists in force, kept in the database so that every replica checks against the
 * same set (a replica started with an older file does not replace a newer version).
 * warninglist_hit: what the lists said about each stored object version when it was shared; derived
 * from the object's own observables, so it is readable exactly when the object is.
 */
export class Warninglists1766400000000 implements MigrationInterface {
  name = 'Warninglists1766400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE warninglist (
        name text PRIMARY KEY,
        version integer NOT NULL,
        action text NOT NULL CHECK (action IN ('warn', 'block')),
        source text NOT NULL,
        list jsonb NOT NULL,
        loaded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE warninglist_hit (
        object_pk bigint NOT NULL REFERENCES stix_object (pk) ON DELETE CASCADE,
        list text NOT NULL,
        action text NOT NULL CHECK (action IN ('warn', 'block')),
        type text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (object_pk, list, type, value)
      )`);
    // excludeWarned asks "has this row a warn hit?" for every row of a feed page.
    await queryRunner.query(`CREATE INDEX warninglist_hit_warned ON warninglist_hit (object_pk) WHERE action = 'warn'`);
    // Answers that read these tables are cached until the read model changes (see libs/sharing's answer cache).
    await queryRunner.query(`CREATE TRIGGER warninglist_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON warninglist FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
    await queryRunner.query(`CREATE TRIGGER warninglist_hit_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON warninglist_hit FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE warninglist_hit`);
    await queryRunner.query(`DROP TABLE warninglist`);
  }
}
