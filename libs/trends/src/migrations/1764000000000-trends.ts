import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What trends are computed from, kept beside stix_object so that a trend never loads objects:
 *
 * - trend_pending: stored rows not yet taken into account. Triggers on stix_object only append here,
 *   so submissions pay almost nothing; every trends request first catches up (trend_catch_up()).
 * - trend_object: one narrow row per stored row (its bucket day, type, TLP, readers, source and the
 *   source's sector and kind when the hub received it, labels, indicator types), and whether it is
 *   "static": the only version of its object and not standing on an unreadable object, so that
 *   whoever may read the row counts it. Other rows are evaluated row by row with the feed's rules.
 * - trend_open_daily: static CLEAR and GREEN rows counted per day and group (the same for every member).
 * - trend_profile_*: per access profile (the readable condition of one kind of viewer) and grouping,
 *   the static restricted rows it may read per bucket and group; per week or month also the AMBER
 *   rows it may not read and their distinct sources (kept per source). Built on first use, then
 *   kept up to date one batch at a time.
 * - trend_retraction: static restricted rows taken back out of the counts, so profiles follow.
 * - trend_family_link: "indicates" relationships from an indicator to a malware object.
 */
export class Trends1764000000000 implements MigrationInterface {
  name = 'Trends1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of TABLES) await queryRunner.query(statement);
    for (const statement of TREND_FUNCTIONS) await queryRunner.query(statement);
    for (const statement of TRIGGERS) await queryRunner.query(statement);
    // Rows stored before this migration are taken into account by the first catch-up.
    await queryRunner.query(`INSERT INTO trend_pending (object_pk) SELECT pk FROM stix_object`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_queue_inserted ON stix_object`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_queue_updated ON stix_object`);
    await queryRunner.query(`DROP TRIGGER IF EXISTS trend_queue_deleted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS trend_queue_new_rows(), trend_queue_old_rows(), trend_catch_up(integer), trend_forget(bigint[], bigint),
      trend_track(bigint[], bigint), trend_count_row_by_row(bigint[], bigint), trend_rollup_add(bigint[], integer),
      trend_key_values(text, smallint, boolean, text[], text[], text, text), trend_key_dims(text, text[], text[])`);
    await queryRunner.query(`DROP TABLE IF EXISTS trend_profile_source, trend_profile_cell, trend_profile_part, trend_profile, trend_family_link,
      trend_open_daily, trend_retraction, trend_object, trend_batch, trend_pending`);
  }
}

const TABLES = [
  `CREATE TABLE trend_pending (object_pk bigint NOT NULL)`,
  `CREATE INDEX trend_pending_object ON trend_pending (object_pk)`,

  `CREATE TABLE trend_batch (
     batch bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     applied_at timestamptz NOT NULL DEFAULT now(),
     objects integer NOT NULL
   )`,

  `CREATE TABLE trend_object (
     object_pk bigint PRIMARY KEY,
     object_id text COLLATE "C" NOT NULL,
     date_added timestamptz NOT NULL,
     day date NOT NULL,
     type text COLLATE "C" NOT NULL,
     tlp smallint NOT NULL,
     readers text[] NOT NULL,
     source_org_id uuid NOT NULL,
     anonymous boolean NOT NULL,
     sector text COLLATE "C" NOT NULL,
     kind text COLLATE "C" NOT NULL,
     labels text[] COLLATE "C" NOT NULL,
     indicator_types text[] COLLATE "C" NOT NULL,
     family text COLLATE "C",
     static boolean NOT NULL,
     batch bigint NOT NULL
   )`,
  `CREATE INDEX trend_object_type_day ON trend_object (type, day)`,
  `CREATE INDEX trend_object_row_by_row ON trend_object (type, day) WHERE NOT static`,
  `CREATE INDEX trend_object_readers ON trend_object USING gin (readers) WHERE static AND tlp >= 2`,
  `CREATE INDEX trend_object_restricted_batch ON trend_object (batch) WHERE static AND tlp >= 2`,
  `CREATE INDEX trend_object_object_id ON trend_object (object_id)`,

  `CREATE TABLE trend_retraction (
     batch bigint NOT NULL,
     added_batch bigint NOT NULL,
     object_pk bigint NOT NULL,
     day date NOT NULL,
     type text COLLATE "C" NOT NULL,
     tlp smallint NOT NULL,
     readers text[] NOT NULL,
     source_org_id uuid NOT NULL,
     anonymous boolean NOT NULL,
     sector text COLLATE "C" NOT NULL,
     kind text COLLATE "C" NOT NULL,
     labels text[] COLLATE "C" NOT NULL,
     indicator_types text[] COLLATE "C" NOT NULL
   )`,
  `CREATE INDEX trend_retraction_batch ON trend_retraction (batch)`,

  `CREATE TABLE trend_open_daily (
     dim text COLLATE "C" NOT NULL,
     day date NOT NULL,
     key text COLLATE "C" NOT NULL,
     tlp smallint NOT NULL,
     n integer NOT NULL,
     PRIMARY KEY (dim, day, key, tlp)
   ) WITH (fillfactor = 70)`,

  `CREATE TABLE trend_family_link (
     relationship_pk bigint PRIMARY KEY,
     indicator_id text COLLATE "C" NOT NULL,
     malware_id text COLLATE "C" NOT NULL
   )`,
  `CREATE INDEX trend_family_link_indicator ON trend_family_link (indicator_id)`,

  `CREATE TABLE trend_profile (
     id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     fingerprint text NOT NULL UNIQUE,
     created_at timestamptz NOT NULL DEFAULT now(),
     last_used_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE trend_profile_part (
     profile_id integer NOT NULL REFERENCES trend_profile (id) ON DELETE CASCADE,
     grain text COLLATE "C" NOT NULL,
     dim text COLLATE "C" NOT NULL,
     upto_batch bigint NOT NULL,
     PRIMARY KEY (profile_id, grain, dim)
   )`,
  `CREATE TABLE trend_profile_cell (
     profile_id integer NOT NULL REFERENCES trend_profile (id) ON DELETE CASCADE,
     grain text COLLATE "C" NOT NULL,
     dim text COLLATE "C" NOT NULL,
     bucket date NOT NULL,
     key text COLLATE "C" NOT NULL,
     readable integer NOT NULL,
     hidden integer NOT NULL,
     hidden_sources integer NOT NULL DEFAULT 0,
     PRIMARY KEY (profile_id, grain, dim, bucket, key)
   ) WITH (fillfactor = 70)`,
  `CREATE TABLE trend_profile_source (
     profile_id integer NOT NULL REFERENCES trend_profile (id) ON DELETE CASCADE,
     grain text COLLATE "C" NOT NULL,
     dim text COLLATE "C" NOT NULL,
     bucket date NOT NULL,
     key text COLLATE "C" NOT NULL,
     source_org_id uuid NOT NULL,
     amber integer NOT NULL,
     readable_amber integer NOT NULL,
     PRIMARY KEY (profile_id, grain, dim, bucket, key, source_org_id)
   ) WITH (fillfactor = 70)`,
];

/**
 * The trend functions, as CREATE OR REPLACE so that a later migration can bring databases migrated
 * before a fix up to these definitions (see 1764000000001).
 */
export const TREND_FUNCTIONS = [
  // The groups an object counts in, as two parallel arrays (dimension, key): one unnest() per row
  // yields every pair. The readable trend and every rollup use these two functions, so a group means
  // the same everywhere. Objects without labels or indicator types count under '(none)'.
  `CREATE OR REPLACE FUNCTION trend_key_dims(p_type text, p_labels text[], p_indicator_types text[])
   RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT ARRAY['all', 'type', 'tlp', 'sector', 'kind']
       || array_fill('label'::text, ARRAY[greatest(cardinality(p_labels), 1)])
       || CASE WHEN p_type = 'indicator' THEN array_fill('indicator_type'::text, ARRAY[greatest(cardinality(p_indicator_types), 1)]) ELSE '{}'::text[] END
   $$`,
  `CREATE OR REPLACE FUNCTION trend_key_values(p_type text, p_tlp smallint, p_anonymous boolean, p_labels text[], p_indicator_types text[], p_sector text, p_kind text)
   RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
     SELECT ARRAY['', p_type, (ARRAY['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'])[p_tlp + 1], p_sector,
                  CASE WHEN p_anonymous THEN 'ANONYMOUS' ELSE p_kind END]
       || CASE WHEN cardinality(p_labels) = 0 THEN ARRAY['(none)'] ELSE p_labels END
       || CASE WHEN p_type <> 'indicator' THEN '{}'::text[] WHEN cardinality(p_indicator_types) = 0 THEN ARRAY['(none)'] ELSE p_indicator_types END
   $$`,

  // Adds (p_sign = 1) or takes back (-1) static CLEAR and GREEN rows in the viewer-independent
  // rollup. Runs only inside trend_catch_up(), under its lock, so there are no concurrent upserts.
  // The planner cannot know how many rows arrive: hashing the groups suits a handful and a million.
  `CREATE OR REPLACE FUNCTION trend_rollup_add(p_pks bigint[], p_sign integer) RETURNS void
   LANGUAGE plpgsql SET work_mem = '64MB' SET enable_sort = off AS $$
   BEGIN
     INSERT INTO trend_open_daily AS d (dim, day, key, tlp, n)
     SELECT k.dim, t.day, k.key, t.tlp, p_sign * count(*)::integer
     FROM trend_object t
     CROSS JOIN LATERAL unnest(trend_key_dims(t.type, t.labels, t.indicator_types),
                               trend_key_values(t.type, t.tlp, t.anonymous, t.labels, t.indicator_types, t.sector, t.kind)) AS k(dim, key)
     WHERE t.object_pk = ANY (p_pks) AND t.tlp <= 1
     GROUP BY 1, 2, 3, 4
     ON CONFLICT (dim, day, key, tlp) DO UPDATE SET n = d.n + excluded.n;
   END $$`,

  // Static rows that must from now on be counted row by row: out of the rollups, into the retraction
  // log (for the profiles), flagged.
  `CREATE OR REPLACE FUNCTION trend_count_row_by_row(p_pks bigint[], p_batch bigint) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     static_pks bigint[];
   BEGIN
     SELECT array_agg(object_pk) INTO static_pks FROM trend_object WHERE object_pk = ANY (p_pks) AND static;
     IF static_pks IS NULL THEN RETURN; END IF;
     PERFORM trend_rollup_add(static_pks, -1);
     INSERT INTO trend_retraction (batch, added_batch, object_pk, day, type, tlp, readers, source_org_id, anonymous, sector, kind, labels, indicator_types)
     SELECT p_batch, t.batch, t.object_pk, t.day, t.type, t.tlp, t.readers, t.source_org_id, t.anonymous, t.sector, t.kind, t.labels, t.indicator_types
     FROM trend_object t WHERE t.object_pk = ANY (static_pks) AND t.tlp >= 2;
     UPDATE trend_object SET static = false, batch = p_batch WHERE object_pk = ANY (static_pks);
   END $$`,

  // Takes rows into account. A row is static when it is the only version of its object (objects
  // without "modified" keep one row per source and never have versions) and every object it stands
  // on (a relationship's ends, a sighting's indicator) is either not stored at all or has a CLEAR or
  // GREEN version, which every member may read: then whoever may read the row sees it in the feed,
  // and it counts exactly when the viewer's readable condition holds. When an object that static
  // rows stand on arrives without such a version, those rows are counted row by row from then on
  // (catch-ups run one at a time over committed rows, so the two cannot miss each other).
  `CREATE OR REPLACE FUNCTION trend_track(p_pks bigint[], p_batch bigint) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     revised_ids text[];
     withheld_ids text[];
   BEGIN
     SELECT array_agg(DISTINCT o.id) INTO revised_ids
     FROM stix_object o
     WHERE o.pk = ANY (p_pks) AND o.modified IS NOT NULL
       AND EXISTS (SELECT 1 FROM stix_object other WHERE other.id = o.id AND other.pk <> o.pk);

     INSERT INTO trend_object (object_pk, object_id, date_added, day, type, tlp, readers, source_org_id, anonymous, sector, kind,
                               labels, indicator_types, family, static, batch)
     SELECT o.pk, o.id, o.date_added, (o.date_added AT TIME ZONE 'UTC')::date, o.type, o.tlp,
            CASE WHEN o.tlp >= 2 THEN o.readers ELSE '{}' END,
            o.source_org_id, o.anonymous, org.sector, org.kind,
            CASE WHEN cardinality(o.labels) > 1 THEN ARRAY(SELECT DISTINCT label FROM unnest(o.labels) AS label ORDER BY 1) ELSE o.labels END,
            CASE WHEN cardinality(o.indicator_types) > 1 THEN ARRAY(SELECT DISTINCT it FROM unnest(o.indicator_types) AS it ORDER BY 1) ELSE o.indicator_types END,
            CASE WHEN o.type = 'malware' AND btrim(coalesce(o.name, '')) <> '' THEN lower(btrim(o.name)) END,
            NOT ((revised_ids IS NOT NULL AND o.id = ANY (revised_ids))
                 OR (cardinality(o.required_refs) > 0 AND EXISTS (
                       SELECT 1 FROM unnest(o.required_refs) AS ref(id)
                       WHERE EXISTS (SELECT 1 FROM stix_object referred WHERE referred.id = ref.id)
                         AND NOT EXISTS (SELECT 1 FROM stix_object referred WHERE referred.id = ref.id AND referred.tlp <= 1)))),
            p_batch
     FROM stix_object o
     JOIN organization org ON org.id = o.source_org_id
     WHERE o.pk = ANY (p_pks)
     ON CONFLICT (object_pk) DO NOTHING;

     INSERT INTO trend_family_link (relationship_pk, indicator_id, malware_id)
     SELECT o.pk, o.stix->>'source_ref', o.stix->>'target_ref'
     FROM stix_object o
     WHERE o.pk = ANY (p_pks) AND o.type = 'relationship' AND lower(o.stix->>'relationship_type') = 'indicates'
       AND o.stix->>'source_ref' LIKE 'indicator--%' AND o.stix->>'target_ref' LIKE 'malware--%'
     ON CONFLICT (relationship_pk) DO NOTHING;

     -- The earlier versions of revised objects were counted as the only version until now.
     IF revised_ids IS NOT NULL THEN
       PERFORM trend_count_row_by_row(ARRAY(SELECT o.pk FROM stix_object o WHERE o.id = ANY (revised_ids)), p_batch);
     END IF;

     -- Objects stored without any CLEAR or GREEN version: what stands on them is not for everyone.
     SELECT array_agg(DISTINCT o.id) INTO withheld_ids
     FROM stix_object o
     WHERE o.pk = ANY (p_pks) AND o.tlp >= 2
       AND NOT EXISTS (SELECT 1 FROM stix_object open WHERE open.id = o.id AND open.tlp <= 1);
     -- One index probe per id: "required_refs && a long array" is estimated so high that the
     -- planner would scan every stored row instead.
     IF withheld_ids IS NOT NULL THEN
       PERFORM trend_count_row_by_row(ARRAY(
         SELECT s.pk FROM unnest(withheld_ids) AS withheld(id)
         JOIN stix_object s ON s.required_refs @> ARRAY[withheld.id]
         JOIN trend_object t ON t.object_pk = s.pk AND t.static), p_batch);
     END IF;

     PERFORM trend_rollup_add(ARRAY(SELECT t.object_pk FROM trend_object t WHERE t.object_pk = ANY (p_pks) AND t.static), 1);
   END $$`,

  // Stops taking rows into account (they changed or were deleted; changed ones are tracked again
  // afterwards). When the last CLEAR or GREEN version of an object goes, the static rows standing
  // on it are counted row by row from then on.
  `CREATE OR REPLACE FUNCTION trend_forget(p_pks bigint[], p_batch bigint) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     vanished_ids text[];
   BEGIN
     SELECT array_agg(DISTINCT t.object_id) INTO vanished_ids
     FROM trend_object t
     WHERE t.object_pk = ANY (p_pks) AND t.tlp <= 1
       AND NOT EXISTS (SELECT 1 FROM stix_object s WHERE s.id = t.object_id AND s.tlp <= 1);
     PERFORM trend_count_row_by_row(p_pks, p_batch);
     IF vanished_ids IS NOT NULL THEN
       PERFORM trend_count_row_by_row(ARRAY(
         SELECT s.pk FROM unnest(vanished_ids) AS vanished(id) JOIN stix_object s ON s.required_refs @> ARRAY[vanished.id]), p_batch);
     END IF;
     DELETE FROM trend_family_link WHERE relationship_pk = ANY (p_pks);
     DELETE FROM trend_object WHERE object_pk = ANY (p_pks);
   END $$`,

  // Takes up to p_limit pending rows into account, in one batch; returns how many it took. One
  // catch-up at a time: a request that arrives meanwhile waits, then finds the rows already done.
  // Everything it calls works on arrays of up to p_limit ids, or none: a session's cached generic
  // plans would assume a handful and scan whole tables (with JIT on top), so each statement is
  // planned for its actual arrays.
  `CREATE OR REPLACE FUNCTION trend_catch_up(p_limit integer) RETURNS integer LANGUAGE plpgsql
   SET plan_cache_mode = force_custom_plan SET jit = off AS $$
   DECLARE
     taken bigint[];
     present bigint[];
     current_batch bigint;
   BEGIN
     PERFORM pg_advisory_xact_lock(hashtext('trend_catch_up'));
     WITH next AS (SELECT object_pk FROM trend_pending ORDER BY object_pk LIMIT p_limit),
          removed AS (DELETE FROM trend_pending p USING next WHERE p.object_pk = next.object_pk RETURNING p.object_pk)
     SELECT array_agg(DISTINCT object_pk) INTO taken FROM removed;
     IF taken IS NULL THEN RETURN 0; END IF;
     INSERT INTO trend_batch (objects) VALUES (cardinality(taken)) RETURNING batch INTO current_batch;
     PERFORM trend_forget(ARRAY(SELECT t.object_pk FROM trend_object t WHERE t.object_pk = ANY (taken)), current_batch);
     SELECT array_agg(o.pk) INTO present FROM stix_object o WHERE o.pk = ANY (taken);
     IF present IS NOT NULL THEN PERFORM trend_track(present, current_batch); END IF;
     RETURN cardinality(taken);
   END $$`,

  `CREATE OR REPLACE FUNCTION trend_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO trend_pending (object_pk) SELECT pk FROM new_rows;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION trend_queue_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO trend_pending (object_pk) SELECT pk FROM old_rows;
     RETURN NULL;
   END $$`,
];

const TRIGGERS = [
  `CREATE TRIGGER trend_queue_inserted AFTER INSERT ON stix_object
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_new_rows()`,
  `CREATE TRIGGER trend_queue_updated AFTER UPDATE ON stix_object
     REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_new_rows()`,
  `CREATE TRIGGER trend_queue_deleted AFTER DELETE ON stix_object
     REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_queue_old_rows()`,
];
