import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The open roll-up's row trigger read the source organisation without a lock: an organisation that
 * changed sector or country while an incident of it was being stored could leave that incident's
 * roll-up row under the old key (the organisation's trigger moves only the rows it can see). With
 * FOR SHARE one waits for the other, as in IncidentRestrictedRollup1766920000000.
 */
export class IncidentOpenRollupOrganizationLock1766920000002 implements MigrationInterface {
  name = 'IncidentOpenRollupOrganizationLock1766920000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(body('FOR SHARE'));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(body(''));
  }
}

function body(lock: string): string {
  return `
      CREATE OR REPLACE FUNCTION incident_open_rollup_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE o organization%ROWTYPE;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND incident_open_rollup_counts(OLD) THEN
          SELECT * INTO o FROM organization WHERE id = OLD.source_org_id ${lock};
          PERFORM incident_open_rollup_add(OLD, o.sector, o.country, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND incident_open_rollup_counts(NEW) THEN
          SELECT * INTO o FROM organization WHERE id = NEW.source_org_id ${lock};
          PERFORM incident_open_rollup_add(NEW, o.sector, o.country, 1);
        END IF;
        RETURN NULL;
      END $$`;
}
