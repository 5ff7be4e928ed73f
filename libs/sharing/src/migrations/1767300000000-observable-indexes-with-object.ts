import { MigrationInterface, QueryRunner } from 'typeorm';
import { IS_HOST } from './1763900000000-sharing';

/**
 * The (type, value) and single-host indexes of stix_observable carry the row's object_pk, so that
 * "which rows hold this value / an address in this block" (look-ups, correlation, the over-correlation
 * count) is answered from the index alone, without reading each observable row from the table. A
 * /24 block holds a couple of hundred hosts on the million-object set: read cold, those table rows
 * were about half of a look-up's time (see docs/intel.md). Rows not yet marked all-visible by vacuum
 * are still read from the table, so a hub without autovacuum gains only on vacuumed rows.
 */
export class ObservableIndexesWithObject1767300000000 implements MigrationInterface {
  name = 'ObservableIndexesWithObject1767300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX stix_observable_lookup_with_object ON stix_observable (type, value) INCLUDE (object_pk)`);
    await queryRunner.query(`DROP INDEX stix_observable_lookup`);
    await queryRunner.query(`ALTER INDEX stix_observable_lookup_with_object RENAME TO stix_observable_lookup`);
    await queryRunner.query(`CREATE INDEX stix_observable_host_with_object ON stix_observable (address) INCLUDE (object_pk) WHERE address IS NOT NULL AND ${IS_HOST}`);
    await queryRunner.query(`DROP INDEX stix_observable_host`);
    await queryRunner.query(`ALTER INDEX stix_observable_host_with_object RENAME TO stix_observable_host`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX stix_observable_lookup_without_object ON stix_observable (type, value)`);
    await queryRunner.query(`DROP INDEX stix_observable_lookup`);
    await queryRunner.query(`ALTER INDEX stix_observable_lookup_without_object RENAME TO stix_observable_lookup`);
    await queryRunner.query(`CREATE INDEX stix_observable_host_without_object ON stix_observable (address) WHERE address IS NOT NULL AND ${IS_HOST}`);
    await queryRunner.query(`DROP INDEX stix_observable_host`);
    await queryRunner.query(`ALTER INDEX stix_observable_host_without_object RENAME TO stix_observable_host`);
  }
}
