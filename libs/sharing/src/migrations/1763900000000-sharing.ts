import { MigrationInterface, QueryRunner } from 'typeorm';

/** An address without a network part: a /32 (IPv4) or /128 (IPv6). Shared with the look-up query. */
export const IS_HOST = `masklen(address) = CASE family(address) WHEN 4 THEN 32 ELSE 128 END`;

/**
 * Stored STIX: one row per object version, with the columns every feed, look-up, TAXII page and
 * trend filters on, the access columns (`tlp` rank, `readers` tokens) and the observables index.
 */
export class Sharing1763900000000 implements MigrationInterface {
  name = 'Sharing1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stix_object (
        pk bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL,
        type text NOT NULL,
        spec_version text NOT NULL,
        created timestamptz,
        modified timestamptz,
        revoked boolean NOT NULL DEFAULT false,
        tlp smallint NOT NULL CHECK (tlp BETWEEN 0 AND 4),
        readers text[] NOT NULL DEFAULT '{}',
        audience jsonb NOT NULL DEFAULT '{}',
        source_org_id uuid NOT NULL REFERENCES organization (id),
        submitted_by uuid NOT NULL REFERENCES hub_user (id),
        anonymous boolean NOT NULL DEFAULT false,
        date_added timestamptz NOT NULL DEFAULT clock_timestamp(),
        valid_from timestamptz,
        valid_until timestamptz,
        name text,
        labels text[] NOT NULL DEFAULT '{}',
        indicator_types text[] NOT NULL DEFAULT '{}',
        required_refs text[] NOT NULL DEFAULT '{}',
        stix jsonb NOT NULL
      )`);
    // Versioned objects: one row per (id, modified); the same index finds every row of an id.
    // Objects without "modified" (cyber observables) have deterministic ids that several members
    // share (NULLs are distinct in a unique index), so each source keeps its own row of those.
    await queryRunner.query(`CREATE UNIQUE INDEX stix_object_version_key ON stix_object (id, modified)`);
    await queryRunner.query(`CREATE UNIQUE INDEX stix_object_unversioned_key ON stix_object (id, source_org_id) WHERE modified IS NULL`);
    await queryRunner.query(`CREATE INDEX stix_object_required_refs ON stix_object USING gin (required_refs)`);
    await queryRunner.query(`CREATE INDEX stix_object_readers ON stix_object USING gin (readers)`);
    await queryRunner.query(`CREATE INDEX stix_object_type_pk ON stix_object (type, pk DESC)`);
    await queryRunner.query(`CREATE INDEX stix_object_source_pk ON stix_object (source_org_id, pk DESC)`);
    await queryRunner.query(`CREATE INDEX stix_object_date_added ON stix_object (date_added)`);
    await queryRunner.query(`CREATE INDEX stix_object_labels ON stix_object USING gin (labels)`);

    // Who owns a versioned id: the first organisation to submit it. Only the owner adds versions.
    await queryRunner.query(`
      CREATE TABLE stix_object_owner (
        id text PRIMARY KEY,
        source_org_id uuid NOT NULL REFERENCES organization (id)
      )`);

    await queryRunner.query(`
      CREATE TABLE stix_observable (
        object_pk bigint NOT NULL REFERENCES stix_object (pk) ON DELETE CASCADE,
        type text NOT NULL,
        value text NOT NULL,
        address inet
      )`);
    await queryRunner.query(`CREATE INDEX stix_observable_lookup ON stix_observable (type, value)`);
    // Addresses are indexed twice: single hosts in a btree (exact and range look-ups), networks in
    // a small GiST index, so a look-up of one address also finds the networks that contain it.
    await queryRunner.query(`CREATE INDEX stix_observable_host ON stix_observable (address) WHERE address IS NOT NULL AND ${IS_HOST}`);
    await queryRunner.query(`CREATE INDEX stix_observable_network ON stix_observable USING gist (address inet_ops) WHERE address IS NOT NULL AND NOT ${IS_HOST}`);

    // Signs pagination cursors; kept in the database so every replica signs alike.
    await queryRunner.query(`CREATE TABLE hub_secret (name text PRIMARY KEY, value text NOT NULL)`);
    await queryRunner.query(`
      INSERT INTO hub_secret (name, value)
      VALUES ('cursor', replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE hub_secret`);
    await queryRunner.query(`DROP TABLE stix_observable`);
    await queryRunner.query(`DROP TABLE stix_object_owner`);
    await queryRunner.query(`DROP TABLE stix_object`);
  }
}
