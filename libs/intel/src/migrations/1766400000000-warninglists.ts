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
        object_pk bigint NOT NULL,
        list text NOT NULL,
        action text NOT NULL CHECK (action IN ('warn', 'block')),
        type text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (object_pk, list, type, value)
      )`);
    // No foreign key (checked row by row, see IngestWithoutRowChecks1766000000001 of libs/sharing): hits
    // are written in the transaction that stores their object, and go with it by statement triggers.
    await queryRunner.query(`
      CREATE FUNCTION warninglist_hit_delete_with_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM warninglist_hit WHERE object_pk IN (SELECT pk FROM removed_objects);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_warninglist_hits_deleted AFTER DELETE ON stix_object
        REFERENCING OLD TABLE AS removed_objects FOR EACH STATEMENT EXECUTE FUNCTION warninglist_hit_delete_with_objects()`);
    await queryRunner.query(`
      CREATE FUNCTION warninglist_hit_truncate_with_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE warninglist_hit;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_warninglist_hits_truncated AFTER TRUNCATE ON stix_object
        FOR EACH STATEMENT EXECUTE FUNCTION warninglist_hit_truncate_with_objects()`);
    // excludeWarned asks "has this row a warn hit?" for every row of a feed page.
    await queryRunner.query(`CREATE INDEX warninglist_hit_warned ON warninglist_hit (object_pk) WHERE action = 'warn'`);
    // Answers that read these tables are cached until the read model changes (see libs/sharing's answer cache).
    await queryRunner.query(`CREATE TRIGGER warninglist_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON warninglist FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
    await queryRunner.query(`CREATE TRIGGER warninglist_hit_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON warninglist_hit FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stix_object_warninglist_hits_truncated ON stix_object`);
    await queryRunner.query(`DROP TRIGGER stix_object_warninglist_hits_deleted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION warninglist_hit_truncate_with_objects(), warninglist_hit_delete_with_objects()`);
    await queryRunner.query(`DROP TABLE warninglist_hit`);
    await queryRunner.query(`DROP TABLE warninglist`);
  }
}
