import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operator's correlation exclusions: values that never link objects (a CDN, a sinkhole).
 * `like_pattern` is the value as a case-insensitive LIKE pattern (`*` -> `%`, `?` -> `_`, the rest escaped).
 */
export class CorrelationExclusions1766400000001 implements MigrationInterface {
  name = 'CorrelationExclusions1766400000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE correlation_exclusion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        value text NOT NULL,
        type text,
        comment text,
        like_pattern text NOT NULL,
        created_by uuid REFERENCES hub_user (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX correlation_exclusion_value ON correlation_exclusion (value, (coalesce(type, '')))`);
    // Answers that read these tables are cached until the read model changes (see libs/sharing's answer cache).
    await queryRunner.query(`CREATE TRIGGER correlation_exclusion_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON correlation_exclusion FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE correlation_exclusion`);
  }
}
