import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supply-chain exposure (docs/exposure.md).
 * - inventory: one version of what an organisation declares it runs, the upload kept as sent. Versions
 *   of one inventory share its name; only the newest is `current` (none once it is retired).
 * - inventory_component: the normalised, merged components of current versions only, with the bucket
 *   keys (CPE part:vendor:product, purl package, device vendor) a GIN index finds candidates by.
 * - advisory_product: what each stored vulnerability version says about products (affected or not),
 *   read from its STIX (software `has` vulnerability, x_hub_vex), with the same bucket keys.
 * - exposure: one (organisation, inventory, component, vulnerability) that matched; the member's triage.
 * - exposure_tally: which organisations (with their sector) were ever found exposed to a vulnerability
 *   through a version everyone may read, about software everyone may read, and since when. Counts for others come only from here: it never shrinks on triage, retirement or
 *   deletion, so two answers differ only when an organisation is newly exposed.
 * - exposure_pending: stored vulnerability and `has` relationship versions not yet read (filled by a
 *   trigger in the submission's transaction, drained by any replica).
 * The GIN indexes do without a pending list (fastupdate off): matching looks keys up one by one right
 * after uploads, and a long pending list would be scanned for every lookup.
 * - alert: alerts of kind EXPOSURE have no watch filter; they name the exposure instead.
 */
export class Exposure1766830000000 implements MigrationInterface {
  name = 'Exposure1766830000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE inventory (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        name text NOT NULL,
        version integer NOT NULL,
        format text NOT NULL CHECK (format IN ('CYCLONEDX', 'SPDX', 'CPE_LIST', 'PURL_LIST', 'DEVICE_LIST')),
        document text NOT NULL,
        component_count integer NOT NULL,
        declared_by uuid NOT NULL REFERENCES hub_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        current boolean NOT NULL DEFAULT true,
        retired_at timestamptz
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX inventory_version_key ON inventory (organization_id, lower(name), version)`);
    await queryRunner.query(`CREATE UNIQUE INDEX inventory_current_key ON inventory (organization_id, lower(name)) WHERE current`);

    await queryRunner.query(`
      CREATE TABLE inventory_component (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        inventory_id uuid NOT NULL REFERENCES inventory (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization (id),
        key text NOT NULL,
        name text NOT NULL,
        version text,
        vendor text,
        model text,
        type text,
        cpes text[] NOT NULL,
        purls text[] NOT NULL,
        match_keys text[] NOT NULL,
        occurrences integer NOT NULL,
        path text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX inventory_component_inventory ON inventory_component (inventory_id, key)`);
    await queryRunner.query(`CREATE INDEX inventory_component_keys ON inventory_component USING gin (match_keys) WITH (fastupdate = off)`);

    await queryRunner.query(`
      CREATE TABLE advisory_product (
        object_pk bigint NOT NULL REFERENCES stix_object (pk) ON DELETE CASCADE,
        ordinal integer NOT NULL,
        vulnerability_id text NOT NULL,
        software_pk bigint NOT NULL REFERENCES stix_object (pk) ON DELETE CASCADE,
        status text NOT NULL,
        spec jsonb NOT NULL,
        match_keys text[] NOT NULL,
        PRIMARY KEY (object_pk, ordinal)
      )`);
    await queryRunner.query(`CREATE INDEX advisory_product_keys ON advisory_product USING gin (match_keys) WITH (fastupdate = off)`);

    await queryRunner.query(`
      CREATE TABLE exposure (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id),
        inventory_name text NOT NULL,
        component_key text NOT NULL,
        component_name text NOT NULL,
        component_version text,
        vulnerability_id text NOT NULL,
        object_pk bigint NOT NULL,
        verdict text NOT NULL CHECK (verdict IN ('affected', 'conflicting', 'under_investigation', 'fixed', 'not_affected')),
        matched_by text NOT NULL,
        matched_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        status text CHECK (status IN ('AFFECTED', 'NOT_AFFECTED', 'FIXED', 'ACCEPTED_RISK')),
        triaged_at timestamptz,
        triaged_by uuid REFERENCES hub_user (id),
        UNIQUE (organization_id, inventory_name, component_key, vulnerability_id)
      )`);
    await queryRunner.query(`CREATE INDEX exposure_organization ON exposure (organization_id, id DESC)`);

    await queryRunner.query(`
      CREATE TABLE exposure_tally (
        vulnerability_id text NOT NULL,
        organization_id uuid NOT NULL REFERENCES organization (id),
        sector text NOT NULL,
        first_matched_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (vulnerability_id, organization_id)
      )`);

    await queryRunner.query(`CREATE TABLE exposure_pending (object_pk bigint PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE FUNCTION exposure_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO exposure_pending (object_pk)
          SELECT pk FROM new_rows
           WHERE type = 'vulnerability' OR (type = 'relationship' AND stix->>'relationship_type' = 'has')
          ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER exposure_queue_inserted AFTER INSERT ON stix_object
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION exposure_queue_new_rows()`);

    // Alerts without a watch filter and alert.kind come from FalsePositiveAlerts1766800000001; its check
    // lists every kind, so EXPOSURE is added to it. exposure_id and its check are this feature's alone.
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_kind_check, ADD CONSTRAINT alert_kind_check CHECK (kind IN ('WATCH', 'FALSE_POSITIVE', 'ASSET_MATCH', 'EXPOSURE'))`);
    await queryRunner.query(`ALTER TABLE alert ADD COLUMN exposure_id bigint REFERENCES exposure (id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_exposure_kind CHECK ((kind = 'EXPOSURE') = (exposure_id IS NOT NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX alert_exposure_user ON alert (exposure_id, user_id) WHERE exposure_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM alert WHERE exposure_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_exposure_kind, DROP COLUMN exposure_id`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_kind_check, ADD CONSTRAINT alert_kind_check CHECK (kind IN ('WATCH', 'FALSE_POSITIVE', 'ASSET_MATCH'))`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS exposure_queue_inserted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS exposure_queue_new_rows()`);
    await queryRunner.query(`DROP TABLE exposure_pending, exposure_tally, exposure, advisory_product, inventory_component, inventory`);
  }
}
