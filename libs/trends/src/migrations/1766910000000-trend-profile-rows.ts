import { MigrationInterface, QueryRunner } from 'typeorm';
import { TREND_FUNCTIONS } from './1764000000000-trends';

/**
 * The rows counted row by row (other versions, rows standing on objects not everyone may follow)
 * were judged with the feed's rule on every answer: on the million-object set the dashboard's
 * twelve weeks by type judged some 20,000 relationships and sightings per request (about a second).
 * Their verdicts are now kept per access profile, like the profile parts, and judged again only
 * when something they depend on changed:
 *
 * - trend_changed: every row a catch-up batch took (stored, changed or deleted), with its object
 *   id; also rows stored and deleted between two batches (the queue triggers keep their id in
 *   trend_pending.object_id): a verdict may have been judged while such a row existed. A row's
 *   verdict depends on the row itself, the other versions of its object (same id) and the objects
 *   it stands on (ids in its required_refs); a batch that touches none of those leaves it as it
 *   was. Kept until every profile's rows are past the batch.
 * - trend_profile_live: per profile, the batch its verdicts are current to, a digest of the
 *   organisations' identity ids then (a member's identity is followable by everyone; an update of
 *   identity_id changes no count) and the first day they cover (built from the first day asked,
 *   widened when an earlier day is asked).
 * - trend_profile_row: the verdicts: rows the profile reads (feed rule) or, for sector-wide
 *   answers, counts as unreadable AMBER. Rows with neither are not stored.
 */
export class TrendProfileRows1766910000000 implements MigrationInterface {
  name = 'TrendProfileRows1766910000000';

  // Written to run again on a database that has it (as tests do, rebuilding a hub's history).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS trend_changed (batch bigint NOT NULL, object_pk bigint NOT NULL, object_id text COLLATE "C" NOT NULL)`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_changed_batch ON trend_changed (batch)`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS trend_profile_live (
       profile_id integer PRIMARY KEY REFERENCES trend_profile (id) ON DELETE CASCADE,
       upto_batch bigint NOT NULL,
       organizations text NOT NULL,
       covered_from date NOT NULL
     )`);
    await queryRunner.query(`CREATE TABLE IF NOT EXISTS trend_profile_row (
       profile_id integer NOT NULL REFERENCES trend_profile (id) ON DELETE CASCADE,
       object_pk bigint NOT NULL,
       day date NOT NULL,
       readable boolean NOT NULL,
       hidden boolean NOT NULL,
       PRIMARY KEY (profile_id, object_pk)
     )`);
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_profile_row_day ON trend_profile_row (profile_id, day)`);
    // Building a profile's verdicts reads the rows counted row by row from a day on, of every type.
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_day ON trend_object (day) WHERE NOT static`);
    // Rows a batch moved to row-by-row counting are judged again even when no change was logged for
    // them (a migration that moves rows in a batch of its own, as TrendStaticFollowable1766100000000 did).
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS trend_object_row_by_row_batch ON trend_object (batch) WHERE NOT static`);
    await queryRunner.query(`ALTER TABLE trend_pending ADD COLUMN IF NOT EXISTS object_id text COLLATE "C"`);
    for (const statement of QUEUE_WITH_IDS) await queryRunner.query(statement);
    await queryRunner.query(CATCH_UP_WITH_CHANGES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const restored = ['FUNCTION trend_catch_up(', 'FUNCTION trend_queue_new_rows(', 'FUNCTION trend_queue_old_rows('];
    for (const statement of TREND_FUNCTIONS.filter((sql) => restored.some((name) => sql.includes(name)))) await queryRunner.query(statement);
    await queryRunner.query(`ALTER TABLE trend_pending DROP COLUMN IF EXISTS object_id`);
    await queryRunner.query(`DROP INDEX IF EXISTS trend_object_row_by_row_day, trend_object_row_by_row_batch`);
    await queryRunner.query(`DROP TABLE IF EXISTS trend_profile_row, trend_profile_live, trend_changed`);
  }
}

// Trends1764000000000's queue triggers, keeping the object id too: a row stored and deleted before
// a batch took it is in neither trend_object nor stix_object when the batch runs, yet a profile may
// have judged rows standing on it (or other versions of its object) while it existed.
const QUEUE_WITH_IDS = [
  `CREATE OR REPLACE FUNCTION trend_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO trend_pending (object_pk, object_id) SELECT pk, id FROM new_rows;
     RETURN NULL;
   END $$`,
  `CREATE OR REPLACE FUNCTION trend_queue_old_rows() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO trend_pending (object_pk, object_id) SELECT pk, id FROM old_rows;
     RETURN NULL;
   END $$`,
];

// Trends1764000000000's trend_catch_up; it also records what the batch took in trend_changed (with
// the ids the triggers kept), before trend_forget removes the rows of deleted objects from trend_object.
const CATCH_UP_WITH_CHANGES = `CREATE OR REPLACE FUNCTION trend_catch_up(p_limit integer) RETURNS integer LANGUAGE plpgsql
   SET plan_cache_mode = force_custom_plan SET jit = off AS $$
   DECLARE
     taken bigint[];
     queued_pks bigint[];
     queued_ids text[];
     present bigint[];
     current_batch bigint;
   BEGIN
     PERFORM pg_advisory_xact_lock(hashtext('trend_catch_up'));
     WITH next AS (SELECT object_pk FROM trend_pending ORDER BY object_pk LIMIT p_limit),
          removed AS (DELETE FROM trend_pending p USING next WHERE p.object_pk = next.object_pk RETURNING p.object_pk, p.object_id)
     SELECT array_agg(DISTINCT object_pk),
            array_agg(object_pk ORDER BY object_pk, object_id) FILTER (WHERE object_id IS NOT NULL),
            array_agg(object_id ORDER BY object_pk, object_id) FILTER (WHERE object_id IS NOT NULL)
       INTO taken, queued_pks, queued_ids FROM removed;
     IF taken IS NULL THEN RETURN 0; END IF;
     INSERT INTO trend_batch (objects) VALUES (cardinality(taken)) RETURNING batch INTO current_batch;
     INSERT INTO trend_changed (batch, object_pk, object_id)
     SELECT current_batch, t.object_pk, t.object_id FROM trend_object t WHERE t.object_pk = ANY (taken)
     UNION
     SELECT current_batch, o.pk, o.id FROM stix_object o WHERE o.pk = ANY (taken)
     UNION
     SELECT current_batch, queued.pk, queued.id FROM unnest(queued_pks, queued_ids) AS queued (pk, id) WHERE queued.pk IS NOT NULL;
     PERFORM trend_forget(ARRAY(SELECT t.object_pk FROM trend_object t WHERE t.object_pk = ANY (taken)), current_batch);
     SELECT array_agg(o.pk) INTO present FROM stix_object o WHERE o.pk = ANY (taken);
     IF present IS NOT NULL THEN PERFORM trend_track(present, current_batch); END IF;
     RETURN cardinality(taken);
   END $$`;
