import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisation assets (docs/intel.md, "Organisation assets"): each organisation's private list of its
 * domains, host names, address ranges and addresses, and the alerts its people get when someone
 * shares an object that mentions one.
 *
 * - organization_asset: the entries. `host_key` is the reversed name (DOMAIN, HOSTNAME) and `network`
 *   the inet value (CIDR, IP), so that both directions of matching are index look-ups: a new object's
 *   observables against every list (equality on host_key, GiST `>>=` on network), and a new entry
 *   against every stored observable (stix_observable_host_key below, and the address indexes).
 *   `rechecked_at` is NULL while a new entry still has to be checked against what is stored: the
 *   alert matcher's workers do that after the change commits (durably: a replica that stops leaves
 *   the entry to the next), so the answer to a list change never waits for, or times, the re-check.
 * - observable_host(type, value): the host name an observable is about (a domain name, a URL's host,
 *   an e-mail address's domain). stix_observable_host_key indexes it reversed, in byte order, so "a
 *   subdomain of example.org" is the range ['gro.elpmaxe.', 'gro.elpmaxe/').
 * - alert: an alert has a kind (WATCH for watch filters); this migration admits ASSET_MATCH and adds
 *   only what it needs (other kinds add their own): watch_filter_id is NULL for it, and the matched entry and value are copied in,
 *   so the alert reads the same after the entry is removed. Each person is alerted once per
 *   (object, entry), whatever the number of versions or re-checks.
 * - alert_pending is also filled while some organisation has assets, and with the stored versions
 *   that stand on a new object (see alert_queue_new_rows below).
 */
export class OrganizationAssets1766810000000 implements MigrationInterface {
  name = 'OrganizationAssets1766810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organization_asset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization (id),
        kind text NOT NULL CHECK (kind IN ('DOMAIN', 'HOSTNAME', 'CIDR', 'IP')),
        value text NOT NULL,
        comment text,
        host_key text COLLATE "C",
        network inet,
        created_by uuid NOT NULL REFERENCES hub_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        rechecked_at timestamptz,
        UNIQUE (organization_id, kind, value),
        CHECK ((kind IN ('DOMAIN', 'HOSTNAME')) = (host_key IS NOT NULL)),
        CHECK ((kind IN ('CIDR', 'IP')) = (network IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX organization_asset_host_key ON organization_asset (host_key) WHERE host_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX organization_asset_network ON organization_asset USING gist (network inet_ops) WHERE network IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX organization_asset_recheck_due ON organization_asset (organization_id) WHERE rechecked_at IS NULL`);

    await queryRunner.query(`
      CREATE FUNCTION observable_host(type text, value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE type
          WHEN 'domain-name' THEN value
          WHEN 'email-addr' THEN nullif(substring(value from '@([^@]*)$'), '')
          WHEN 'url' THEN nullif(rtrim(lower(substring(value from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:\\[\\]]+)')), '.'), '')
        END
      $$`);
    await queryRunner.query(`
      CREATE INDEX stix_observable_host_key ON stix_observable ((reverse(observable_host(type, value)) COLLATE "C"))
        WHERE type IN ('domain-name', 'url', 'email-addr')`);

    // libs/intel's FalsePositiveAlerts1766800000001 may have added `kind` (WATCH, FALSE_POSITIVE) and
    // its check already; either way the column exists afterwards and the check admits ASSET_MATCH too.
    await queryRunner.query(`ALTER TABLE alert ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'WATCH'`);
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN watch_filter_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT IF EXISTS alert_kind_check`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_kind_check CHECK (kind IN ('WATCH', 'FALSE_POSITIVE', 'ASSET_MATCH'))`);
    await queryRunner.query(`
      ALTER TABLE alert
        ADD COLUMN asset_organization_id uuid REFERENCES organization (id),
        ADD COLUMN asset_kind text,
        ADD COLUMN asset_value text,
        ADD COLUMN asset_comment text,
        ADD COLUMN matched_type text,
        ADD COLUMN matched_value text,
        ADD CONSTRAINT alert_asset_match_shape CHECK (kind <> 'ASSET_MATCH' OR (
          watch_filter_id IS NULL AND asset_organization_id IS NOT NULL AND asset_kind IS NOT NULL
          AND asset_value IS NOT NULL AND matched_type IS NOT NULL AND matched_value IS NOT NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX alert_asset_match_once ON alert (user_id, object_id, asset_kind, asset_value) WHERE kind = 'ASSET_MATCH'`);

    // The stored versions that stand on a new object (a relationship or sighting naming it in
    // required_refs) are queued again: one stored before what it points to was readable to nobody
    // when first matched, and may be now. The alert's own unique keys keep a match from being raised
    // twice. DO UPDATE (a no-op) rather than DO NOTHING: a queued row the matcher holds is waited for
    // (and queued afresh once the matcher has deleted it), and a row queued here is locked until this
    // transaction commits, so the matcher never takes it before what made it readable is visible.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION alert_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM watch_filter WHERE active) OR EXISTS (SELECT 1 FROM organization_asset) THEN
          INSERT INTO alert_pending (object_pk) SELECT pk FROM new_rows ON CONFLICT DO NOTHING;
          INSERT INTO alert_pending (object_pk)
            SELECT d.pk FROM stix_object d
            WHERE d.required_refs && ARRAY(SELECT DISTINCT id FROM new_rows) AND d.pk NOT IN (SELECT pk FROM new_rows)
            ORDER BY d.pk
            ON CONFLICT (object_pk) DO UPDATE SET object_pk = EXCLUDED.object_pk;
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION alert_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM watch_filter WHERE active) THEN
          INSERT INTO alert_pending (object_pk) SELECT pk FROM new_rows ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    // alert.kind and the nullable watch_filter_id stay: other kinds of alert use them.
    await queryRunner.query(`DELETE FROM alert WHERE kind = 'ASSET_MATCH'`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_kind_check`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_kind_check CHECK (kind IN ('WATCH', 'FALSE_POSITIVE'))`);
    await queryRunner.query(`DROP INDEX alert_asset_match_once`);
    await queryRunner.query(`
      ALTER TABLE alert DROP CONSTRAINT alert_asset_match_shape, DROP COLUMN asset_organization_id, DROP COLUMN asset_kind,
        DROP COLUMN asset_value, DROP COLUMN asset_comment, DROP COLUMN matched_type, DROP COLUMN matched_value`);
    await queryRunner.query(`DROP INDEX stix_observable_host_key`);
    await queryRunner.query(`DROP FUNCTION observable_host(text, text)`);
    await queryRunner.query(`DROP TABLE organization_asset`);
  }
}
