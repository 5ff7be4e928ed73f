import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cyber observable (no "modified") was kept once per organisation: a second share of the same
 * value by the organisation was a duplicate even when the stored row was RED for one person, so the
 * new share was dropped and its submitter told that, and when, a row they cannot read was stored.
 * Now an organisation keeps one row per reach (marking and reader tokens); the writer counts a new
 * share as a duplicate only when a stored row reaches everyone it would reach.
 *
 * Any person or key of the source organisation may revoke an object, not only those who submitted
 * its versions: the revoked copies keep each version's submitter (who reads their own submission
 * whole) and name the revoker in `revoked_by` (no foreign key, as for submitted_by: people are
 * never deleted).
 */
export class ObservableReachKey1766700000000 implements MigrationInterface {
  name = 'ObservableReachKey1766700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX stix_object_unversioned_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX stix_object_unversioned_key ON stix_object (id, source_org_id, tlp, readers) WHERE modified IS NULL`);
    await queryRunner.query(`ALTER TABLE stix_object ADD COLUMN revoked_by uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stix_object DROP COLUMN revoked_by`);
    // Fails while an organisation holds one observable at two reaches: nothing is deleted to go back.
    await queryRunner.query(`DROP INDEX stix_object_unversioned_key`);
    await queryRunner.query(`CREATE UNIQUE INDEX stix_object_unversioned_key ON stix_object (id, source_org_id) WHERE modified IS NULL`);
  }
}
