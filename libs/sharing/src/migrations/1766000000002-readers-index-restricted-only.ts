import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readers index holds only rows that have readers: AMBER and RED ones. CLEAR and GREEN rows,
 * most of the hub, have none, and GIN keeps an "empty" entry for each of them that no search ever
 * reads but every insert paid for (about a tenth of PostgreSQL's time storing a submission).
 * Searches of the index say `readers <> '{}'` so that PostgreSQL knows the index covers them.
 */
export class ReadersIndexRestrictedOnly1766000000002 implements MigrationInterface {
  name = 'ReadersIndexRestrictedOnly1766000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX stix_object_readers`);
    await queryRunner.query(`CREATE INDEX stix_object_readers ON stix_object USING gin (readers) WITH (fastupdate = off) WHERE readers <> '{}'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX stix_object_readers`);
    await queryRunner.query(`CREATE INDEX stix_object_readers ON stix_object USING gin (readers) WITH (fastupdate = off)`);
  }
}
