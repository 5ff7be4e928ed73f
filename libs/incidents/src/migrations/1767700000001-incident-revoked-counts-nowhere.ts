import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A report its source revoked is withdrawn: it counts in no impact trend, briefing or public summary, as a
 * false positive does not. Every figure reads `false_positive` as "counts as no incident" (the roll-up
 * triggers, the row-by-row path), so the revocation's copy of the incident sets it, from a trigger on
 * incident_figure itself (the row trigger of 1766820000000 stays as it is). Incidents revoked before are
 * marked here; the roll-up triggers move their sums out.
 */
export class IncidentRevokedCountsNowhere1767700000001 implements MigrationInterface {
  name = 'IncidentRevokedCountsNowhere1767700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION incident_figure_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT NEW.false_positive AND EXISTS (SELECT 1 FROM stix_object WHERE pk = NEW.pk AND revoked) THEN
          NEW.false_positive := true;
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER incident_figure_revoked BEFORE INSERT ON incident_figure FOR EACH ROW EXECUTE FUNCTION incident_figure_revoked()`);
    await queryRunner.query(`UPDATE incident_figure f SET false_positive = true FROM stix_object o WHERE o.pk = f.pk AND o.revoked AND NOT f.false_positive`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER incident_figure_revoked ON incident_figure`);
    await queryRunner.query(`DROP FUNCTION incident_figure_revoked()`);
  }
}
