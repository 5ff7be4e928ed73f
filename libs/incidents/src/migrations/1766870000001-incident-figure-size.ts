import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The size band of the reporting organisation on each incident_figure row, taken when the hub stores the
 * version (a later change of the organisation's size does not move figures already given, so two answers
 * around the change cannot be subtracted to find its incidents). An anonymous report gets none: its pseudonym
 * names no size, and the true source's would narrow it down. A trigger on incident_figure itself sets it, so
 * the row trigger of 1766820000000 stays as it is.
 */
export class IncidentFigureSize1766870000001 implements MigrationInterface {
  name = 'IncidentFigureSize1766870000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE incident_figure ADD COLUMN source_size text`);
    await queryRunner.query(`
      CREATE FUNCTION incident_figure_size() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.source_size := CASE WHEN NEW.anonymous THEN NULL ELSE (SELECT size FROM organization WHERE id = NEW.source_org_id) END;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER incident_figure_size BEFORE INSERT ON incident_figure FOR EACH ROW EXECUTE FUNCTION incident_figure_size()`);
    await queryRunner.query(`UPDATE incident_figure f SET source_size = o.size FROM organization o WHERE o.id = f.source_org_id AND NOT f.anonymous AND o.size IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER incident_figure_size ON incident_figure`);
    await queryRunner.query(`DROP FUNCTION incident_figure_size()`);
    await queryRunner.query(`ALTER TABLE incident_figure DROP COLUMN source_size`);
  }
}
