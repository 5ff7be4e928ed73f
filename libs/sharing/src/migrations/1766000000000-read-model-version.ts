import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A number that grows with every committed change to what a read answer is built from: stored
 * objects, their observables, and the organisations a source is shown with. The answer cache
 * (see answer-cache/) serves a stored answer only while this number is the one it was built under.
 *
 * Statement triggers note that a transaction changed such a table (one row per transaction in
 * read_model_change); a deferred trigger on that row bumps the version at commit. The bump takes
 * the single version row's lock only at commit, after every other lock the transaction holds, so
 * writers queue for a moment there and can never deadlock on it.
 */
export const READ_MODEL_TABLES = ['stix_object', 'stix_observable', 'organization'] as const;

export class ReadModelVersion1766000000000 implements MigrationInterface {
  name = 'ReadModelVersion1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model_version (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        version bigint NOT NULL
      )`);
    await queryRunner.query(`INSERT INTO read_model_version (version) VALUES (1)`);
    await queryRunner.query(`CREATE UNLOGGED TABLE read_model_change (transaction_id xid8 PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE FUNCTION read_model_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO read_model_change VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION read_model_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE read_model_version SET version = version + 1;
        DELETE FROM read_model_change WHERE transaction_id = NEW.transaction_id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER read_model_bump AFTER INSERT ON read_model_change
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION read_model_bump()`);
    for (const table of READ_MODEL_TABLES) {
      await queryRunner.query(`
        CREATE TRIGGER ${table}_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
          FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of READ_MODEL_TABLES) await queryRunner.query(`DROP TRIGGER ${table}_read_model ON ${table}`);
    await queryRunner.query(`DROP TABLE read_model_change`);
    await queryRunner.query(`DROP FUNCTION read_model_bump(), read_model_changed()`);
    await queryRunner.query(`DROP TABLE read_model_version`);
  }
}
