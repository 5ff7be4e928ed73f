import { MigrationInterface, QueryRunner } from 'typeorm';

const CORE = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
const CARE = 'extension-definition--c9e6f310-8643-5f51-8894-ff5f2696bbe0';

/** A figure of the patient-care extension as a number: absent, not a number or negative count 0. */
const careFigure = (row: string, key: string) => {
  const value = `${row}.stix->'extensions'->'${CARE}'->'${key}'`;
  return `CASE WHEN jsonb_typeof(${value}) = 'number' AND (${value})::numeric >= 0 THEN (${value})::numeric ELSE 0 END`;
};

const strings = (value: string) => `CASE WHEN jsonb_typeof(${value}) = 'array' THEN ARRAY(SELECT DISTINCT e FROM jsonb_array_elements_text(${value}) AS e) ELSE '{}'::text[] END`;

/** The columns of incident_figure computed from a stix_object row. */
const columnsOf = (row: string) => `${row}.pk, ${row}.id, ${row}.modified, ${row}.tlp, ${row}.readers, ${row}.source_org_id, ${row}.anonymous,
  ${row}.pseudonym_sector, ${row}.pseudonym_country, ${row}.date_added,
  coalesce(${row}.stix->'extensions'->'${CORE}'->>'determination', '') = 'false-positive',
  ${strings(`${row}.stix->'extensions'->'${CORE}'->'incident_types'`)},
  ${careFigure(row, 'disrupted_care_days')}, ${careFigure(row, 'ed_diversion_hours')},
  ${strings(`${row}.stix->'extensions'->'${CORE}'->'impact_refs'`)}`;

const COLUMNS = `pk, id, modified, tlp, readers, source_org_id, anonymous, pseudonym_sector, pseudonym_country, date_added,
  false_positive, incident_types, disrupted_care_days, ed_diversion_hours, impact_refs`;

/**
 * One narrow row per stored incident version: its access columns (the same `tlp` and `readers` the feed's
 * rule reads), when it was received, and the figures impact trends add up, taken out of the JSON once.
 * Impact trends read it instead of the wide stix_object rows (docs/incidents.md). A row trigger keeps it
 * current; its WHEN clause makes other types pay almost nothing. `single` marks the incidents stored in one
 * version (most): they need no search for the latest version a viewer reads. A version removed later leaves
 * the others marked false, which only sends them through the general path.
 */
export class IncidentFigures1766820000000 implements MigrationInterface {
  name = 'IncidentFigures1766820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE incident_figure (
        pk bigint PRIMARY KEY REFERENCES stix_object (pk) ON DELETE CASCADE,
        id text NOT NULL,
        modified timestamptz,
        tlp smallint NOT NULL,
        readers text[] NOT NULL,
        source_org_id uuid NOT NULL,
        anonymous boolean NOT NULL,
        pseudonym_sector text,
        pseudonym_country text,
        date_added timestamptz NOT NULL,
        false_positive boolean NOT NULL,
        incident_types text[] NOT NULL,
        disrupted_care_days numeric NOT NULL,
        ed_diversion_hours numeric NOT NULL,
        impact_refs text[] NOT NULL,
        -- The only stored version of its incident: readable or not by its own columns, received when stored.
        single boolean NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX incident_figure_id ON incident_figure (id, modified)`);
    await queryRunner.query(`
      CREATE FUNCTION incident_figure_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM incident_figure WHERE pk = NEW.pk;
        INSERT INTO incident_figure (${COLUMNS}, single)
          SELECT ${columnsOf('NEW')}, NOT EXISTS (SELECT 1 FROM incident_figure other WHERE other.id = NEW.id);
        UPDATE incident_figure SET single = false WHERE id = NEW.id AND pk <> NEW.pk AND single;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_incident_figure AFTER INSERT OR UPDATE ON stix_object
        FOR EACH ROW WHEN (NEW.type = 'incident') EXECUTE FUNCTION incident_figure_sync()`);
    await queryRunner.query(
      `INSERT INTO incident_figure (${COLUMNS}, single)
       SELECT ${columnsOf('o')}, count(*) OVER (PARTITION BY o.id) = 1 FROM stix_object o WHERE o.type = 'incident'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stix_object_incident_figure ON stix_object`);
    await queryRunner.query(`DROP FUNCTION incident_figure_sync()`);
    await queryRunner.query(`DROP TABLE incident_figure`);
  }
}
