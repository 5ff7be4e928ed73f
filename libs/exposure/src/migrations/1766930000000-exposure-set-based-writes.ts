import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Declaring an inventory of 5,000 components against 100,000 advisories spent most of its time on work
 * done row by row (docs/exposure.md, "Benchmark"):
 *
 * - advisory_product_key: one row per (bucket key, statement) with a btree on the key, so the
 *   statements sharing a key with an inventory are found by one join over all its keys. The GIN index
 *   on advisory_product.match_keys needed one bitmap scan per key (thousands per upload), and it served
 *   nothing else, so it goes. Rows follow their statement (cascade), so they never outlive it.
 * - Foreign keys checked every written component, exposure, tally row and alert one by one (a row lock
 *   and a lookup each, a third of the writes). Their guarantees are kept by other means that cost
 *   nothing per row, as IngestWithoutRowChecks1766000000001 did for objects:
 *   - organisations are never deleted (MembersNeverDeleted1766000000003), and the organisation of a
 *     component, an exposure and a tally row is the one of the inventory just written or matched;
 *   - components are written in the transaction that writes their inventory version, after it;
 *     deleting inventories still deletes their components, by a statement trigger;
 *   - an EXPOSURE alert is written by the statement that writes or updates its exposure (the row is
 *     locked until commit, so a concurrent deletion waits); deleting exposures still deletes their
 *     alerts, by a statement trigger.
 */
export class ExposureSetBasedWrites1766930000000 implements MigrationInterface {
  name = 'ExposureSetBasedWrites1766930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE advisory_product_key (
        key text NOT NULL,
        object_pk bigint NOT NULL,
        ordinal integer NOT NULL,
        PRIMARY KEY (key, object_pk, ordinal),
        FOREIGN KEY (object_pk, ordinal) REFERENCES advisory_product (object_pk, ordinal) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX advisory_product_key_product ON advisory_product_key (object_pk, ordinal)`);
    await queryRunner.query(`INSERT INTO advisory_product_key (key, object_pk, ordinal) SELECT DISTINCT k, object_pk, ordinal FROM advisory_product, unnest(match_keys) k`);
    await queryRunner.query(`DROP INDEX advisory_product_keys`);

    await queryRunner.query(`ALTER TABLE inventory_component DROP CONSTRAINT inventory_component_inventory_id_fkey, DROP CONSTRAINT inventory_component_organization_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION inventory_component_delete_with_inventories() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM inventory_component WHERE inventory_id IN (SELECT id FROM removed_inventories);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER inventory_components_deleted AFTER DELETE ON inventory
        REFERENCING OLD TABLE AS removed_inventories FOR EACH STATEMENT EXECUTE FUNCTION inventory_component_delete_with_inventories()`);

    await queryRunner.query(`ALTER TABLE exposure DROP CONSTRAINT exposure_organization_id_fkey`);
    await queryRunner.query(`ALTER TABLE exposure_tally DROP CONSTRAINT exposure_tally_organization_id_fkey`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_exposure_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION alert_delete_with_exposures() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM alert WHERE exposure_id IN (SELECT id FROM removed_exposures);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER exposure_alerts_deleted AFTER DELETE ON exposure
        REFERENCING OLD TABLE AS removed_exposures FOR EACH STATEMENT EXECUTE FUNCTION alert_delete_with_exposures()`);
    // The foreign keys also refused a TRUNCATE of the parent; it now takes the dependants along.
    await queryRunner.query(`
      CREATE FUNCTION exposure_dependants_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'inventory' THEN TRUNCATE inventory_component; ELSE DELETE FROM alert WHERE exposure_id IS NOT NULL; END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER inventory_components_truncated AFTER TRUNCATE ON inventory FOR EACH STATEMENT EXECUTE FUNCTION exposure_dependants_truncate()`);
    await queryRunner.query(`CREATE TRIGGER exposure_alerts_truncated AFTER TRUNCATE ON exposure FOR EACH STATEMENT EXECUTE FUNCTION exposure_dependants_truncate()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER exposure_alerts_truncated ON exposure`);
    await queryRunner.query(`DROP TRIGGER inventory_components_truncated ON inventory`);
    await queryRunner.query(`DROP FUNCTION exposure_dependants_truncate()`);
    await queryRunner.query(`DROP TRIGGER exposure_alerts_deleted ON exposure`);
    await queryRunner.query(`DROP FUNCTION alert_delete_with_exposures()`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_exposure_id_fkey FOREIGN KEY (exposure_id) REFERENCES exposure (id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE exposure_tally ADD CONSTRAINT exposure_tally_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization (id)`);
    await queryRunner.query(`ALTER TABLE exposure ADD CONSTRAINT exposure_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization (id)`);
    await queryRunner.query(`DROP TRIGGER inventory_components_deleted ON inventory`);
    await queryRunner.query(`DROP FUNCTION inventory_component_delete_with_inventories()`);
    await queryRunner.query(`
      ALTER TABLE inventory_component
        ADD CONSTRAINT inventory_component_inventory_id_fkey FOREIGN KEY (inventory_id) REFERENCES inventory (id) ON DELETE CASCADE,
        ADD CONSTRAINT inventory_component_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization (id)`);
    await queryRunner.query(`CREATE INDEX advisory_product_keys ON advisory_product USING gin (match_keys) WITH (fastupdate = off)`);
    await queryRunner.query(`DROP TABLE advisory_product_key`);
  }
}
