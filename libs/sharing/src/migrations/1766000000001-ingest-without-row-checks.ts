import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foreign keys checked every stored row one by one: three checks per object and one per
 * observable, a quarter of PostgreSQL's time in a 10,000-object submission. Their guarantees are
 * kept by other means that cost nothing per row:
 *
 * - an observable points at an object stored in the same transaction (the writer inserts both);
 *   deleting objects still deletes their observables, by a statement trigger;
 * - an object's source organisation and submitting person are the authenticated viewer's, and
 *   organisations and people are never deleted (MembersNeverDeleted1766000000003 enforces it).
 */
export class IngestWithoutRowChecks1766000000001 implements MigrationInterface {
  name = 'IngestWithoutRowChecks1766000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stix_observable DROP CONSTRAINT IF EXISTS stix_observable_object_pk_fkey`);
    await queryRunner.query(`ALTER TABLE stix_object DROP CONSTRAINT IF EXISTS stix_object_source_org_id_fkey`);
    await queryRunner.query(`ALTER TABLE stix_object DROP CONSTRAINT IF EXISTS stix_object_submitted_by_fkey`);
    await queryRunner.query(`ALTER TABLE stix_object_owner DROP CONSTRAINT IF EXISTS stix_object_owner_source_org_id_fkey`);

    await queryRunner.query(`
      CREATE FUNCTION stix_observable_delete_with_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM stix_observable WHERE object_pk IN (SELECT pk FROM removed_objects);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_observables_deleted AFTER DELETE ON stix_object
        REFERENCING OLD TABLE AS removed_objects FOR EACH STATEMENT EXECUTE FUNCTION stix_observable_delete_with_objects()`);
    await queryRunner.query(`
      CREATE FUNCTION stix_observable_truncate_with_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE stix_observable;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_observables_truncated AFTER TRUNCATE ON stix_object
        FOR EACH STATEMENT EXECUTE FUNCTION stix_observable_truncate_with_objects()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stix_object_observables_truncated ON stix_object`);
    await queryRunner.query(`DROP FUNCTION stix_observable_truncate_with_objects()`);
    await queryRunner.query(`DROP TRIGGER stix_object_observables_deleted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION stix_observable_delete_with_objects()`);
    await queryRunner.query(`ALTER TABLE stix_object_owner ADD CONSTRAINT stix_object_owner_source_org_id_fkey FOREIGN KEY (source_org_id) REFERENCES organization (id)`);
    await queryRunner.query(`ALTER TABLE stix_object ADD CONSTRAINT stix_object_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES hub_user (id)`);
    await queryRunner.query(`ALTER TABLE stix_object ADD CONSTRAINT stix_object_source_org_id_fkey FOREIGN KEY (source_org_id) REFERENCES organization (id)`);
    await queryRunner.query(`ALTER TABLE stix_observable ADD CONSTRAINT stix_observable_object_pk_fkey FOREIGN KEY (object_pk) REFERENCES stix_object (pk) ON DELETE CASCADE`);
  }
}
