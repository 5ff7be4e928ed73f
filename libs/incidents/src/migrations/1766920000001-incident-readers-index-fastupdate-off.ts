import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GIN index through which impact trends find the restricted incidents a viewer reads (1766870000002)
 * without GIN's pending list, as stix_object_readers (1766000000002): with it, new rows wait in an unsorted
 * list that every search reads whole until a vacuum merges it. After the bench's 100,000 incidents that list
 * made each impactTrends answer read 340 more pages (140 ms on a loaded machine, against 0.2 ms merged).
 * Rows are written one incident at a time, so entering them in the index directly costs little.
 */
export class IncidentReadersIndexFastupdateOff1766920000001 implements MigrationInterface {
  name = 'IncidentReadersIndexFastupdateOff1766920000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX incident_figure_restricted_readers SET (fastupdate = off)`);
    // What waits in the list now is merged; with fastupdate off nothing is added to it again.
    await queryRunner.query(`SELECT gin_clean_pending_list('incident_figure_restricted_readers'::regclass)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER INDEX incident_figure_restricted_readers RESET (fastupdate)`);
  }
}
