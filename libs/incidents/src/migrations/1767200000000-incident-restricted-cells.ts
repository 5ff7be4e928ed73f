import { MigrationInterface, QueryRunner } from 'typeorm';

/** The data columns of a cell, in the order incident_restricted_cell_merge returns them. */
const CELL_COLUMNS = `source_org_ids, incidents, disrupted_care_days, ed_diversion_hours,
  incidents_total, days_total, hours_total, days_sources, hours_sources, incidents_largest, days_largest, hours_largest`;

/** incident_restricted_rollup_add as IncidentRestrictedRollup1766920000000 made it (for `down`). */
const ROLLUP_ADD_BEFORE = `
  CREATE OR REPLACE FUNCTION incident_restricted_rollup_add(f incident_figure, org_sector text, org_country text, sign integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO incident_restricted_rollup AS r (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
    SELECT c.bucket, c.group_by, c.key, f.source_org_id, sign, sign * f.disrupted_care_days, sign * f.ed_diversion_hours
    FROM incident_open_rollup_cells(f, org_sector, org_country) c
    WHERE c.bucket_size = 'WEEK'
    ORDER BY c.group_by, c.bucket, c.key
    ON CONFLICT (group_by, bucket, key, source_org_id) DO UPDATE SET
      incidents = r.incidents + excluded.incidents,
      disrupted_care_days = r.disrupted_care_days + excluded.disrupted_care_days,
      ed_diversion_hours = r.ed_diversion_hours + excluded.ed_diversion_hours
  $$`;

const ROLLUP_ORGANIZATION_BEFORE = `
  CREATE OR REPLACE FUNCTION incident_restricted_rollup_organization() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO incident_restricted_rollup AS r (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
    SELECT c.bucket, c.group_by, c.key, f.source_org_id, sum(m.sign), sum(m.sign * f.disrupted_care_days), sum(m.sign * f.ed_diversion_hours)
    FROM incident_figure f
    CROSS JOIN (VALUES (-1, OLD.sector, OLD.country), (1, NEW.sector, NEW.country)) AS m(sign, sector, country)
    CROSS JOIN LATERAL incident_open_rollup_cells(f, m.sector, m.country) c
    WHERE f.source_org_id = NEW.id AND NOT f.anonymous AND f.single AND f.tlp IN (2, 3) AND NOT f.false_positive
      AND c.bucket_size = 'WEEK' AND c.group_by IN ('SECTOR', 'COUNTRY')
    GROUP BY c.group_by, c.bucket, c.key, f.source_org_id
    ORDER BY c.group_by, c.bucket, c.key
    ON CONFLICT (group_by, bucket, key, source_org_id) DO UPDATE SET
      incidents = r.incidents + excluded.incidents,
      disrupted_care_days = r.disrupted_care_days + excluded.disrupted_care_days,
      ed_diversion_hours = r.ed_diversion_hours + excluded.ed_diversion_hours;
    RETURN NULL;
  END $$`;

/**
 * Adds per-source deltas (one row per cell and source, with its cell's key) to incident_restricted_cell,
 * cells in key order so that concurrent submissions lock them in one order. A new cell is the deltas merged
 * into nothing; an existing one merges them into its arrays.
 */
const upsertCells = (deltas: string) => `
  INSERT INTO incident_restricted_cell AS r (group_by, bucket, key, ${CELL_COLUMNS})
  SELECT d.group_by, d.bucket, d.key, m.*
  FROM (SELECT group_by, bucket, key, array_agg(source_org_id) AS ids, array_agg(incidents) AS ns, array_agg(days) AS days, array_agg(hours) AS hours
        FROM (${deltas}) AS deltas GROUP BY group_by, bucket, key) AS d
  CROSS JOIN LATERAL incident_restricted_cell_merge('{}', '{}', '{}', '{}', d.ids, d.ns, d.days, d.hours) AS m
  ORDER BY d.group_by, d.bucket, d.key
  ON CONFLICT (group_by, bucket, key) DO UPDATE SET (${CELL_COLUMNS}) = (
    SELECT * FROM incident_restricted_cell_merge(r.source_org_ids, r.incidents, r.disrupted_care_days, r.ed_diversion_hours,
      excluded.source_org_ids, excluded.incidents, excluded.disrupted_care_days, excluded.ed_diversion_hours))`;

/**
 * The restricted roll-up (IncidentRestrictedRollup1766920000000) held one row per week, grouping, key and
 * source organisation: a sector-wide answer read about 35,000 of them on the bench (one year, by incident
 * type) to sum them per cell with their sources. This keeps the same sums as one row per cell (week,
 * grouping, key) with per-source arrays (the source ids and, aligned with them, each source's incidents, days of
 * disrupted care and diversion hours; a source whose incidents fall to zero leaves the arrays), and beside
 * them what a sector-wide answer needs of a cell when the viewer reads none of its incidents, per measure:
 * the total, the sources that add more than 0 (the k rule's) and the largest share of one source (the
 * dominance rule's). An answer reads one row per cell and corrects only the sources of the few incidents it
 * counts row by row (docs/incidents.md, "Rollup of restricted incidents").
 *
 * Kept by the same triggers: the bodies of incident_restricted_rollup_add and
 * incident_restricted_rollup_organization now write this table. The rows summed, the keys (those of
 * incident_open_rollup_cells), the true source of anonymous reports (never leaving the server but as an id
 * for the k rule) and the locking (FOR SHARE of the organisation, cells in key order) are unchanged.
 *
 * toast_tuple_target 8160: a cell of up to about a hundred sources stays in its heap page (its arrays are uuids and
 * small numbers, which do not compress) instead of being moved to TOAST, which an answer would fetch back
 * value by value (on the bench, a fifth of the statement).
 */
export class IncidentRestrictedCells1767200000000 implements MigrationInterface {
  name = 'IncidentRestrictedCells1767200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_restricted_cell (
        group_by text NOT NULL,
        bucket date NOT NULL,
        key text NOT NULL,
        source_org_ids uuid[] NOT NULL,
        incidents bigint[] NOT NULL,
        disrupted_care_days numeric[] NOT NULL,
        ed_diversion_hours numeric[] NOT NULL,
        incidents_total bigint NOT NULL,
        days_total numeric NOT NULL,
        hours_total numeric NOT NULL,
        days_sources uuid[] NOT NULL,
        hours_sources uuid[] NOT NULL,
        incidents_largest bigint,
        days_largest numeric,
        hours_largest numeric,
        PRIMARY KEY (group_by, bucket, key)
      ) WITH (toast_tuple_target = 8160)`);
    // A cell's arrays with per-source deltas added, and its derived figures. Sources whose incidents come to
    // zero leave (their sums are then zero too: they are sums over the same incidents). The arrays are
    // aligned (one aggregation builds them all from the same rows), in no particular order: sorting them
    // on every write cost more than the rest of the merge.
    await queryRunner.query(`
      CREATE FUNCTION incident_restricted_cell_merge(ids uuid[], ns bigint[], days numeric[], hours numeric[],
                                                     add_ids uuid[], add_ns bigint[], add_days numeric[], add_hours numeric[])
        RETURNS TABLE (source_org_ids uuid[], incidents bigint[], disrupted_care_days numeric[], ed_diversion_hours numeric[],
                       incidents_total bigint, days_total numeric, hours_total numeric, days_sources uuid[], hours_sources uuid[],
                       incidents_largest bigint, days_largest numeric, hours_largest numeric)
        LANGUAGE sql IMMUTABLE AS $$
        SELECT coalesce(array_agg(s.id), '{}'), coalesce(array_agg(s.n), '{}'), coalesce(array_agg(s.d), '{}'), coalesce(array_agg(s.h), '{}'),
               coalesce(sum(s.n), 0)::bigint, coalesce(sum(s.d), 0), coalesce(sum(s.h), 0),
               coalesce(array_agg(s.id) FILTER (WHERE s.d > 0), '{}'), coalesce(array_agg(s.id) FILTER (WHERE s.h > 0), '{}'),
               max(s.n), max(s.d), max(s.h)
        FROM (SELECT u.id, sum(u.n)::bigint AS n, sum(u.d) AS d, sum(u.h) AS h
              FROM (SELECT * FROM unnest(ids, ns, days, hours) UNION ALL SELECT * FROM unnest(add_ids, add_ns, add_days, add_hours)) AS u(id, n, d, h)
              GROUP BY u.id) AS s
        WHERE s.n <> 0
      $$`);
    // For answers: a cell's sources less those an answer corrects (array_remove is C, an unnest per cell is not).
    await queryRunner.query(`
      CREATE FUNCTION incident_uuids_without(a uuid[], b uuid[]) RETURNS uuid[] LANGUAGE plpgsql IMMUTABLE AS $$
      DECLARE x uuid;
      BEGIN
        FOREACH x IN ARRAY coalesce(b, '{}') LOOP
          a := array_remove(a, x);
        END LOOP;
        RETURN a;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION incident_restricted_rollup_add(f incident_figure, org_sector text, org_country text, sign integer) RETURNS void LANGUAGE sql AS $$
        ${upsertCells(`
          SELECT c.group_by, c.bucket, c.key, f.source_org_id, sign::bigint AS incidents, sign * f.disrupted_care_days AS days, sign * f.ed_diversion_hours AS hours
          FROM incident_open_rollup_cells(f, org_sector, org_country) c
          WHERE c.bucket_size = 'WEEK'`)}
      $$`);
    // An organisation's new sector or country: its non-anonymous rows leave the old keys for the new, in one
    // statement summed per cell (the old and new cells of one grouping may be the same row).
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION incident_restricted_rollup_organization() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsertCells(`
          SELECT c.group_by, c.bucket, c.key, f.source_org_id, sum(m.sign)::bigint AS incidents, sum(m.sign * f.disrupted_care_days) AS days, sum(m.sign * f.ed_diversion_hours) AS hours
          FROM incident_figure f
          CROSS JOIN (VALUES (-1, OLD.sector, OLD.country), (1, NEW.sector, NEW.country)) AS m(sign, sector, country)
          CROSS JOIN LATERAL incident_open_rollup_cells(f, m.sector, m.country) c
          WHERE f.source_org_id = NEW.id AND NOT f.anonymous AND f.single AND f.tlp IN (2, 3) AND NOT f.false_positive
            AND c.bucket_size = 'WEEK' AND c.group_by IN ('SECTOR', 'COUNTRY')
          GROUP BY c.group_by, c.bucket, c.key, f.source_org_id`)};
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      upsertCells(`SELECT group_by, bucket, key, source_org_id, incidents, disrupted_care_days AS days, ed_diversion_hours AS hours FROM incident_restricted_rollup WHERE incidents <> 0`),
    );
    await queryRunner.query(`DROP TABLE incident_restricted_rollup`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`
      INSERT INTO incident_restricted_rollup (bucket, group_by, key, source_org_id, incidents, disrupted_care_days, ed_diversion_hours)
      SELECT r.bucket, r.group_by, r.key, u.source_org_id, u.incidents, u.days, u.hours
      FROM incident_restricted_cell r CROSS JOIN LATERAL unnest(r.source_org_ids, r.incidents, r.disrupted_care_days, r.ed_diversion_hours) AS u(source_org_id, incidents, days, hours)`);
    await queryRunner.query(ROLLUP_ADD_BEFORE);
    await queryRunner.query(ROLLUP_ORGANIZATION_BEFORE);
    await queryRunner.query(`DROP FUNCTION incident_uuids_without(uuid[], uuid[])`);
    await queryRunner.query(`DROP TABLE incident_restricted_cell`);
    await queryRunner.query(`DROP FUNCTION incident_restricted_cell_merge(uuid[], bigint[], numeric[], numeric[], uuid[], bigint[], numeric[], numeric[])`);
  }
}
