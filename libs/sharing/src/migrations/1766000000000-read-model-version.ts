import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A version of everything a read answer is built from: stored objects, their observables, and the
 * organisations a source is shown with. The answer cache (see answer-cache/) serves a stored answer
 * only while the version is the one it was built under.
 *
 * Statement triggers note that a transaction changed such a table (one row per transaction in
 * read_model_change); a deferred trigger on that row gives the version a new random value at
 * commit, so it is never seen before the data. Random, not a counter: after a restore or a
 * failover a counter would climb through the same numbers again with other data. The version is
 * spread over 16 rows (a transaction changes the row its id falls on; the version is all of them):
 * a commit holds its row's lock until it is flushed, and one row would make every writing commit
 * of the hub wait for the one before. The lock is taken last, after every other lock the
 * transaction holds, so writers can never deadlock on it.
 */
const READ_MODEL_TABLES = ['stix_object', 'stix_observable', 'organization'] as const;
const READ_MODEL_STRIPES = 16;

export class ReadModelVersion1766000000000 implements MigrationInterface {
  name = 'ReadModelVersion1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE read_model_version (
        stripe smallint PRIMARY KEY,
        version uuid NOT NULL DEFAULT gen_random_uuid()
      )`);
    await queryRunner.query(`INSERT INTO read_model_version (stripe) SELECT generate_series(0, ${READ_MODEL_STRIPES - 1})`);
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
        UPDATE read_model_version SET version = gen_random_uuid() WHERE stripe = NEW.transaction_id::text::bigint % ${READ_MODEL_STRIPES};
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
