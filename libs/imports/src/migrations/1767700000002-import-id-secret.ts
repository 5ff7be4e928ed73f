import { MigrationInterface, QueryRunner } from 'typeorm';

/** The secret under which imports make their ids (importIdScope); kept in the database so every replica makes the same. */
export class ImportIdSecret1767700000002 implements MigrationInterface {
  name = 'ImportIdSecret1767700000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO hub_secret (name, value)
      VALUES ('import-ids', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''))
      ON CONFLICT (name) DO NOTHING`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM hub_secret WHERE name = 'import-ids'`);
  }
}
