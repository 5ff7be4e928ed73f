import { MigrationInterface, QueryRunner } from 'typeorm';

/** The rows summed here: the only version of their incident, AMBER or AMBER+STRICT, not a false positive. */
const COUNTS = (row: string) => `${row}.single AND ${row}.tlp IN (2, 3) AND NOT ${row}.false_positive`;

/**
 * Sums of the restricted incidents (AMBER and AMBER+STRICT) stored in one version, per ISO week, grouping,
 * key and source organisation: what a sector-wide answer counts for the incidents a viewer cannot read.
 * Which of them a viewer reads differs per viewer, but it is few (the viewer's tokens in `readers`, found
 * through the GIN index of 1766870000002), so a sector-wide answer takes these sums and subtracts, per
 * cell and source, the rows the viewer reads (docs/incidents.md, "Rollup of restricted incidents"). Kept
 * per source: the k and dominance rules need the unreadable part's organisations per cell. The source is
 * the true one, also for an anonymous report, as in the row-by-row count; it never leaves the server.
 *
 * Only WEEK: sector-wide answers are per week. The cells and keys are those of incident_open_rollup_cells
 * (1766870000002), so both rollups and the row-by-row count key an incident alike. Kept exact like
 * incident_open_rollup: a change of an incident_figure row takes back what the old row added and adds the
 * new one (a second version clears `single`; a TLP change moves the row in or out), and a change of an
 * organisation's sector or country moves its non-anonymous incidents between keys. Rows that fall to zero
 * incidents stay (zero adds nothing, and the answer takes only cells with incidents left).
 */
export class IncidentRestrictedRollup1766920000000 implements MigrationInterface {
  name = 'IncidentRestrictedRollup1766920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_restricted_rollup (
        bucket date NOT NULL,
        group_by text NOT NULL,
        key text NOT NULL,
        source_org_id uuid NOT NULL,
        incidents bigint NOT NULL,
        disrupted_care_days numeric NOT NULL,
        ed_diversion_hours numeric NOT NULL,
        PRIMARY KEY (group_by, bucket, key, source_org_id)
      )`);
    // Adds rows to their cells (sign 1) or takes them back (sign -1), with the sector and country their
    // organisation has (or had). Summed per cell first: one statement may not update a row twice. Cells in
    // key order, so that concurrent submissions lock them in the same order.
    await queryRunner.query(`
      CREATE FUNCTION incident_restricted_rollup_add(f incident_figure, org_sector text, org_country text, sign integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO incident_restricted_rollup AS r (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
        SELECT c.bucket, c.group_by, c.key, f.source_org_id, sign, sign * f.disrupted_care_days, sign * f.ed_diversion_hours
        FROM incident_open_rollup_cells(f, org_sector, org_country) c
        WHERE c.bucket_size = 'WEEK'
        ORDER BY c.group_by, c.bucket, c.key
        ON CONFLICT (group_by, bucket, key, source_org_id) DO UPDATE SET
          incidents = r.incidents + excluded.incidents,
          disrupted_care_days = r.disrupted_care_days + excluded.disrupted_care_days,
          ed_diversion_hours = r.ed_diversion_hours + excluded.ed_diversion_hours
      $$`);
    await queryRunner.query(`
      -- FOR SHARE: an organisation's change of sector or country waits for this row's transaction, or
      -- this waits for it, so its trigger always moves the row this writes (never under a stale key).
      CREATE FUNCTION incident_restricted_rollup_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE o organization%ROWTYPE;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND ${COUNTS('OLD')} THEN
          SELECT * INTO o FROM organization WHERE id = OLD.source_org_id FOR SHARE;
          PERFORM incident_restricted_rollup_add(OLD, o.sector, o.country, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND ${COUNTS('NEW')} THEN
          SELECT * INTO o FROM organization WHERE id = NEW.source_org_id FOR SHARE;
          PERFORM incident_restricted_rollup_add(NEW, o.sector, o.country, 1);
        END IF;
        RETURN NULL;
      END $$`);
    // WHEN clauses: the CLEAR, GREEN and RED rows (most) pay nothing.
    await queryRunner.query(`
      CREATE TRIGGER incident_restricted_rollup_insert AFTER INSERT ON incident_figure
        FOR EACH ROW WHEN (${COUNTS('NEW')}) EXECUTE FUNCTION incident_restricted_rollup_sync()`);
    await queryRunner.query(`
      CREATE TRIGGER incident_restricted_rollup_update AFTER UPDATE ON incident_figure
        FOR EACH ROW WHEN ((${COUNTS('OLD')}) OR (${COUNTS('NEW')})) EXECUTE FUNCTION incident_restricted_rollup_sync()`);
    await queryRunner.query(`
      CREATE TRIGGER incident_restricted_rollup_delete AFTER DELETE ON incident_figure
        FOR EACH ROW WHEN (${COUNTS('OLD')}) EXECUTE FUNCTION incident_restricted_rollup_sync()`);
    // An organisation's new sector or country: its non-anonymous rows leave the old keys for the new, in one
    // statement summed per cell (the old and new cells of one grouping may be the same row).
    await queryRunner.query(`
      CREATE FUNCTION incident_restricted_rollup_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO incident_restricted_rollup AS r (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
        SELECT c.bucket, c.group_by, c.key, f.source_org_id, sum(m.sign), sum(m.sign * f.disrupted_care_days), sum(m.sign * f.ed_diversion_hours)
        FROM incident_figure f
        CROSS JOIN (VALUES (-1, OLD.sector, OLD.country), (1, NEW.sector, NEW.country)) AS m(sign, sector, country)
        CROSS JOIN LATERAL incident_open_rollup_cells(f, m.sector, m.country) c
        WHERE f.source_org_id = NEW.id AND NOT f.anonymous AND ${COUNTS('f')}
          AND c.bucket_size = 'WEEK' AND c.group_by IN ('SECTOR', 'COUNTRY')
        GROUP BY c.group_by, c.bucket, c.key, f.source_org_id
        ORDER BY c.group_by, c.bucket, c.key
        ON CONFLICT (group_by, bucket, key, source_org_id) DO UPDATE SET
          incidents = r.incidents + excluded.incidents,
          disrupted_care_days = r.disrupted_care_days + excluded.disrupted_care_days,
          ed_diversion_hours = r.ed_diversion_hours + excluded.ed_diversion_hours;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER incident_restricted_rollup_organization AFTER UPDATE OF sector, country ON organization
        FOR EACH ROW WHEN (OLD.sector IS DISTINCT FROM NEW.sector OR OLD.country IS DISTINCT FROM NEW.country)
        EXECUTE FUNCTION incident_restricted_rollup_organization()`);
    await queryRunner.query(`
      INSERT INTO incident_restricted_rollup (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
      SELECT c.bucket, c.group_by, c.key, f.source_org_id, count(*), sum(f.disrupted_care_days), sum(f.ed_diversion_hours)
      FROM incident_figure f JOIN organization o ON o.id = f.source_org_id
      CROSS JOIN LATERAL incident_open_rollup_cells(f, o.sector, o.country) c
      WHERE ${COUNTS('f')} AND c.bucket_size = 'WEEK'
      GROUP BY 1, 2, 3, 4`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER incident_restricted_rollup_organization ON organization`);
    await queryRunner.query(`DROP FUNCTION incident_restricted_rollup_organization()`);
    await queryRunner.query(`DROP TRIGGER incident_restricted_rollup_delete ON incident_figure`);
    await queryRunner.query(`DROP TRIGGER incident_restricted_rollup_update ON incident_figure`);
    await queryRunner.query(`DROP TRIGGER incident_restricted_rollup_insert ON incident_figure`);
    await queryRunner.query(`DROP FUNCTION incident_restricted_rollup_sync()`);
    await queryRunner.query(`DROP FUNCTION incident_restricted_rollup_add(incident_figure, text, text, integer)`);
    await queryRunner.query(`DROP TABLE incident_restricted_rollup`);
  }
}
