import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit log. Triggers refuse UPDATE, DELETE and TRUNCATE for every database user,
 * the hub's own included (privileges alone would not stop the table's owner).
 */
export class AuditLog1763800500000 implements MigrationInterface {
  name = 'AuditLog1763800500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        action text NOT NULL CHECK (action ~ '^[a-z_]+(\\.[a-z_]+)*$'),
        outcome text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'key', 'anonymous', 'system')),
        actor_user_id uuid,
        actor_organization_id uuid,
        actor_key_id uuid,
        target_type text,
        target_id text,
        ip text,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    // Rows are never joined to the tables they mention: a log entry must outlive anything it describes.
    await queryRunner.query('CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at)');
    await queryRunner.query('CREATE INDEX audit_log_action_idx ON audit_log (action, seq)');
    await queryRunner.query('CREATE INDEX audit_log_actor_user_idx ON audit_log (actor_user_id, seq) WHERE actor_user_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX audit_log_actor_organization_idx ON audit_log (actor_organization_id, seq) WHERE actor_organization_id IS NOT NULL');
    await queryRunner.query('CREATE INDEX audit_log_target_idx ON audit_log (target_id, seq) WHERE target_id IS NOT NULL');
    await queryRunner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    // Statement-level, so even an UPDATE or DELETE that matches no row is refused.
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
    await queryRunner.query('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE audit_log');
    await queryRunner.query('DROP FUNCTION audit_log_is_append_only()');
  }
}
