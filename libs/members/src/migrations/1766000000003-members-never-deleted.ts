import { MigrationInterface, QueryRunner } from 'typeorm';

const PROTECTED_TABLES = ['organization', 'hub_user'] as const;

/**
 * Organisations and people are deactivated, never deleted: what they shared keeps its attribution,
 * the audit log keeps naming them, and stored objects point at them without a foreign key (see
 * IngestWithoutRowChecks1766000000001 in libs/sharing).
 */
export class MembersNeverDeleted1766000000003 implements MigrationInterface {
  name = 'MembersNeverDeleted1766000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION refuse_member_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are never deleted: deactivate them instead (what they shared keeps its attribution)', TG_TABLE_NAME
          USING ERRCODE = 'restrict_violation';
      END $$`);
    for (const table of PROTECTED_TABLES) {
      await queryRunner.query(`CREATE TRIGGER ${table}_never_deleted BEFORE DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION refuse_member_deletion()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of PROTECTED_TABLES) await queryRunner.query(`DROP TRIGGER ${table}_never_deleted ON ${table}`);
    await queryRunner.query(`DROP FUNCTION refuse_member_deletion()`);
  }
}
