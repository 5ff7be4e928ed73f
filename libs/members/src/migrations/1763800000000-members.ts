import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users, sharing groups and API keys. */
export class Members1763800000000 implements MigrationInterface {
  name = 'Members1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
        kind text NOT NULL CHECK (kind IN ('PUBLIC', 'PRIVATE')),
        sector text NOT NULL CHECK (sector IN ('HEALTHCARE_PROVIDER', 'PHARMA', 'MEDICAL_DEVICES', 'HEALTH_INSURANCE', 'PUBLIC_HEALTH', 'GOVERNMENT', 'IT_SUPPLIER', 'OTHER')),
        country text CHECK (country ~ '^[A-Z]{2}$'),
        identity_id text NOT NULL UNIQUE CHECK (identity_id LIKE 'identity--%'),
        identity jsonb NOT NULL,
        is_operator boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        deactivated_at timestamptz,
        -- Only the hub operator, made at first start, may lack a country until an admin sets it.
        CHECK (country IS NOT NULL OR is_operator)
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX organization_name_key ON organization (lower(name))');
    await queryRunner.query('CREATE UNIQUE INDEX organization_operator_key ON organization (is_operator) WHERE is_operator');

    await queryRunner.query(`
      CREATE TABLE hub_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(btrim(email)) AND email LIKE '%_@_%'),
        password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
        role text NOT NULL CHECK (role IN ('MEMBER', 'ANALYST', 'FOCAL_POINT', 'ADMIN')),
        organization_id uuid NOT NULL REFERENCES organization (id),
        active boolean NOT NULL DEFAULT true,
        session_version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        deactivated_at timestamptz
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX hub_user_email_key ON hub_user (email)');
    await queryRunner.query('CREATE INDEX hub_user_organization_idx ON hub_user (organization_id)');

    await queryRunner.query(`
      CREATE TABLE sharing_group (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 200),
        description text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX sharing_group_name_key ON sharing_group (lower(name))');
    await queryRunner.query(`
      CREATE TABLE sharing_group_member (
        sharing_group_id uuid NOT NULL REFERENCES sharing_group (id),
        organization_id uuid NOT NULL REFERENCES organization (id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sharing_group_id, organization_id)
      )`);
    // The viewer of every request looks up its organisation's groups by this index.
    await queryRunner.query('CREATE INDEX sharing_group_member_organization_idx ON sharing_group_member (organization_id, sharing_group_id)');

    await queryRunner.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
        key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        display_prefix text NOT NULL,
        distribution text NOT NULL CHECK (distribution IN ('INTERNAL', 'CLIENTS')),
        organization_id uuid NOT NULL REFERENCES organization (id),
        created_by_user_id uuid NOT NULL REFERENCES hub_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by_user_id uuid REFERENCES hub_user (id)
      )`);
    await queryRunner.query('CREATE UNIQUE INDEX api_key_hash_key ON api_key (key_hash)');
    await queryRunner.query('CREATE INDEX api_key_organization_idx ON api_key (organization_id, created_at)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE api_key, sharing_group_member, sharing_group, hub_user, organization');
  }
}
