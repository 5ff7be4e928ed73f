import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sums of the incidents every signed-in viewer reads alike, per bucket size, bucket, grouping and key:
 * incident_figure rows that are the only version of their incident (`single`), CLEAR or GREEN (the feed's
 * rule lets every member and key read them, whatever their readers) and not false positives. Impact trends
 * read these sums instead of those rows (docs/incidents.md, "Where from"); every other row is still counted
 * row by row. Kept exact by triggers: a change of an incident_figure row takes back what the old row added
 * and adds the new one (a second version clears `single`, which takes the first out), and a change of an
 * organisation's sector or country moves the sums of its non-anonymous incidents from the old keys to the
 * new, since those groupings follow the organisation's current values.
 *
 * `group_by` is a grouping of impactTrends, or TOTAL (key '') for the bucket's total, in which an incident
 * of two types counts once. Keys are computed as impact-figures.sql.ts computes them; "(none)" is NO_TYPE.
 */
export class IncidentOpenRollup1766870000002 implements MigrationInterface {
  name = 'IncidentOpenRollup1766870000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_open_rollup (
        bucket_size text NOT NULL,
        bucket date NOT NULL,
        group_by text NOT NULL,
        key text NOT NULL,
        incidents bigint NOT NULL,
        disrupted_care_days numeric NOT NULL,
        ed_diversion_hours numeric NOT NULL,
        PRIMARY KEY (bucket_size, group_by, bucket, key)
      )`);
    // The cells one row counts in, with the sector and country of its organisation given, so that an
    // organisation's change can take back under the old ones. PL/pgSQL: PostgreSQL 15 fails to plan the
    // inlined SQL function with a whole-row argument in a lateral join ("variable not found in subplan").
    await queryRunner.query(`
      CREATE FUNCTION incident_open_rollup_cells(f incident_figure, org_sector text, org_country text)
        RETURNS TABLE (bucket_size text, bucket date, group_by text, key text) LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN QUERY SELECT s.size, date_trunc(s.unit, f.date_added AT TIME ZONE 'UTC')::date, g.group_by, g.key
        FROM (VALUES ('DAY', 'day'), ('WEEK', 'week'), ('MONTH', 'month')) AS s(size, unit)
        CROSS JOIN (
          SELECT 'TOTAL' AS group_by, '' AS key
          UNION ALL SELECT 'INCIDENT_TYPE', t FROM unnest(CASE WHEN cardinality(f.incident_types) > 0 THEN f.incident_types ELSE ARRAY['(none)'] END) AS t
          UNION ALL SELECT 'SECTOR', CASE WHEN f.anonymous THEN coalesce(f.pseudonym_sector, '(none)') ELSE org_sector END
          UNION ALL SELECT 'COUNTRY', CASE WHEN f.anonymous THEN coalesce(f.pseudonym_country, '(none)') ELSE coalesce(org_country, '(none)') END
          UNION ALL SELECT 'ORGANIZATION_SIZE', coalesce(f.source_size, '(none)')) AS g;
      END $$`);
    // Adds one row to its cells (sign 1) or takes it back (sign -1); cells in key order, so that concurrent
    // submissions lock them in the same order.
    await queryRunner.query(`
      CREATE FUNCTION incident_open_rollup_add(f incident_figure, org_sector text, org_country text, sign integer) RETURNS void LANGUAGE sql AS $$
        INSERT INTO incident_open_rollup AS r (bucket_size, bucket, group_by, key, incidents, disrupted_care_days, ed_diversion_hours)
        SELECT c.bucket_size, c.bucket, c.group_by, c.key, sign, sign * f.disrupted_care_days, sign * f.ed_diversion_hours
        FROM incident_open_rollup_cells(f, org_sector, org_country) c
        ORDER BY c.bucket_size, c.group_by, c.bucket, c.key
        ON CONFLICT (bucket_size, group_by, bucket, key) DO UPDATE SET
          incidents = r.incidents + excluded.incidents,
          disrupted_care_days = r.disrupted_care_days + excluded.disrupted_care_days,
          ed_diversion_hours = r.ed_diversion_hours + excluded.ed_diversion_hours
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_open_rollup_counts(f incident_figure) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
        SELECT f.single AND f.tlp <= 1 AND NOT f.false_positive
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION incident_open_rollup_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE o organization%ROWTYPE;
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND incident_open_rollup_counts(OLD) THEN
          SELECT * INTO o FROM organization WHERE id = OLD.source_org_id;
          PERFORM incident_open_rollup_add(OLD, o.sector, o.country, -1);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND incident_open_rollup_counts(NEW) THEN
          SELECT * INTO o FROM organization WHERE id = NEW.source_org_id;
          PERFORM incident_open_rollup_add(NEW, o.sector, o.country, 1);
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER incident_open_rollup AFTER INSERT OR UPDATE OR DELETE ON incident_figure FOR EACH ROW EXECUTE FUNCTION incident_open_rollup_sync()`);
    await queryRunner.query(`
      CREATE FUNCTION incident_open_rollup_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE f incident_figure%ROWTYPE;
      BEGIN
        FOR f IN SELECT * FROM incident_figure WHERE source_org_id = NEW.id AND NOT anonymous AND incident_open_rollup_counts(incident_figure) LOOP
          PERFORM incident_open_rollup_add(f, OLD.sector, OLD.country, -1);
          PERFORM incident_open_rollup_add(f, NEW.sector, NEW.country, 1);
        END LOOP;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER incident_open_rollup_organization AFTER UPDATE OF sector, country ON organization
        FOR EACH ROW WHEN (OLD.sector IS DISTINCT FROM NEW.sector OR OLD.country IS DISTINCT FROM NEW.country)
        EXECUTE FUNCTION incident_open_rollup_organization()`);
    await queryRunner.query(`
      INSERT INTO incident_open_rollup (bucket_size, bucket, group_by, key, incidents, disrupted_care_days, ed_diversion_hours)
      SELECT c.bucket_size, c.bucket, c.group_by, c.key, count(*), sum(f.disrupted_care_days), sum(f.ed_diversion_hours)
      FROM incident_figure f JOIN organization o ON o.id = f.source_org_id
      CROSS JOIN LATERAL incident_open_rollup_cells(f, o.sector, o.country) c
      WHERE incident_open_rollup_counts(f)
      GROUP BY 1, 2, 3, 4`);
    // What is still counted row by row: the incidents of several versions, and restricted single ones,
    // found by their readers (the feed's rule reads them by readers && the viewer's tokens).
    await queryRunner.query(`CREATE INDEX incident_figure_versions ON incident_figure (id) WHERE NOT single`);
    await queryRunner.query(`CREATE INDEX incident_figure_restricted_readers ON incident_figure USING gin (readers) WHERE single AND tlp >= 2`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX incident_figure_restricted_readers`);
    await queryRunner.query(`DROP INDEX incident_figure_versions`);
    await queryRunner.query(`DROP TRIGGER incident_open_rollup_organization ON organization`);
    await queryRunner.query(`DROP FUNCTION incident_open_rollup_organization()`);
    await queryRunner.query(`DROP TRIGGER incident_open_rollup ON incident_figure`);
    await queryRunner.query(`DROP FUNCTION incident_open_rollup_sync()`);
    await queryRunner.query(`DROP FUNCTION incident_open_rollup_counts(incident_figure)`);
    await queryRunner.query(`DROP FUNCTION incident_open_rollup_add(incident_figure, text, text, integer)`);
    await queryRunner.query(`DROP FUNCTION incident_open_rollup_cells(incident_figure, text, text)`);
    await queryRunner.query(`DROP TABLE incident_open_rollup`);
  }
}
