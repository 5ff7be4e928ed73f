import { DEFAULT_CONFIDENCE, FALSE_POSITIVE_PENALTY, SIGHTING_BONUS, SIGHTING_BONUS_CAP } from '@hub/intel-rules';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { EXPIRATION, FALSE_POSITIVE, OTHER_DECAY_RULE, RULE_PRECEDENCE, sqlTextArray, TRUE_SIGHTING } from './1766800000000-indicator-scores';
import { ScoresPlansWithoutStatistics1766940000000 } from './1766940000000-scores-plans-without-statistics';

/**
 * The score triggers write each score row once (issue 16, imports: a third of PostgreSQL's time in
 * a batch of 1,000 indicators went to scores).
 *
 * - hub_refresh_indicator_scores inserted a row with score 0 and then ran the decay step on it
 *   (hub_decay_indicator_scores: an UPDATE of the row just written, with its index entries, and a
 *   dead row left behind for every indicator stored). The score and next check are now computed in
 *   the INSERT (and its ON CONFLICT update) with the same functions and the same rule: the decay
 *   step on the changed rows at `at`, hub_score_at and hub_score_next_check of the rule of the
 *   row's type. Rows whose inputs did not change keep their score, as before. (An indicator's rule
 *   comes from its observables; the writer of libs/sharing now stores them before the object row,
 *   so the observables trigger has nothing left to redo for a new indicator.)
 * - hub_scores_after_objects found the indicators a new sighting names with "o.id IN (the batch's
 *   sighting refs) AND o.type = 'indicator'": on a table whose statistics say it is small the planner
 *   walked every indicator, scanning the batch for each (0.8 s per 1,000 objects at 7,000 stored).
 *   Each ref is now looked up by the (id, modified) key, and only when the statement added sightings.
 * - hub_scores_after_observables looks the score rows of the new observables' objects up by key
 *   first, and stops when there are none (every new object, see above): its array probe of the key,
 *   planned on a table that looked small, read every score row for every batch.
 * - Both run with JIT compilation off (as trend_catch_up does): the planner's cost of the refresh
 *   grows with the tables' stale statistics (autovacuum off or behind), passes jit_above_cost, and
 *   compiling the statement took 3.8 s of every import batch of 1,000 at 550,000 stored indicators
 *   (the whole statement ran in 80 ms). The old refresh, of the same shape, very likely did the same.
 * What they compute is unchanged (ScoresPlansWithoutStatistics1766940000000 for the rest).
 */
export class ScoresWrittenOnce1767500000001 implements MigrationInterface {
  name = 'ScoresWrittenOnce1767500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_refresh_indicator_scores(pks bigint[], at timestamptz) RETURNS void LANGUAGE plpgsql
      SET jit = off AS $$
      BEGIN
        INSERT INTO indicator_score AS sc (object_pk, rule_type, base, clock_start, ends_at, score, next_check)
        SELECT v.pk, v.rule_type, v.base, v.clock_start, v.ends_at, v.score,
          -- The decay step's next check (InlinedScoreDecay1766960000000), for the score just computed.
          CASE WHEN v.lifetime_days IS NULL THEN NULL ELSE hub_score_next_check(v.base, v.clock_start, v.ends_at, v.lifetime_days, v.speed, v.score) END
        FROM (
          SELECT i.*, r.lifetime_days, r.speed,
            -- The decay step's score at \`at\`; a type without a rule keeps 0, as the step left it.
            CASE WHEN r.observable_type IS NULL THEN 0::smallint ELSE hub_score_at(i.base, i.clock_start, i.ends_at, r.lifetime_days, r.speed, at) END AS score
          FROM (
            SELECT ind.pk, ind.rule_type,
              CASE WHEN ind.revoked THEN 0 ELSE least(100, greatest(0,
                ind.confidence + least(${SIGHTING_BONUS} * coalesce(seen.sightings, 0), ${SIGHTING_BONUS_CAP}) - ${FALSE_POSITIVE_PENALTY} * coalesce(seen.false_positives, 0))) END AS base,
              greatest(ind.valid_from, coalesce(seen.last_sighting, ind.valid_from)) AS clock_start,
              CASE WHEN ind.valid_until IS NULL THEN seen.expired_at WHEN seen.expired_at IS NULL THEN ind.valid_until ELSE least(ind.valid_until, seen.expired_at) END AS ends_at
            FROM (
              SELECT o.pk, o.id, o.tlp, o.source_org_id, o.anonymous, o.revoked,
                coalesce(o.valid_from, o.created, o.date_added) AS valid_from, o.valid_until,
                CASE WHEN jsonb_typeof(o.stix->'confidence') = 'number' THEN least(100, greatest(0, (o.stix->>'confidence')::double precision)) ELSE ${DEFAULT_CONFIDENCE} END AS confidence,
                coalesce((SELECT so.type FROM stix_observable so WHERE so.object_pk = o.pk AND ${RULE_TYPE_KNOWN}
                          ORDER BY array_position(${RULE_TYPES}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}') AS rule_type
              -- Each row by its key (ScoresPlansWithoutStatistics1766940000000).
              FROM unnest(pks) AS p(pk) CROSS JOIN LATERAL (${BY_PK}) o
            ) ind
            LEFT JOIN LATERAL (
              SELECT count(*) FILTER (WHERE s.kind = ${TRUE_SIGHTING}) AS sightings,
                count(*) FILTER (WHERE s.kind = ${FALSE_POSITIVE}) AS false_positives,
                max(s.seen_at) FILTER (WHERE s.kind = ${TRUE_SIGHTING}) AS last_sighting,
                -- An expiration ends the indicator only when its named source says so, and only when
                -- the indicator names its source too: otherwise the score would tell who sent it.
                min(s.seen_at) FILTER (WHERE s.kind = ${EXPIRATION} AND s.source_org_id = ind.source_org_id AND NOT s.anonymous AND NOT ind.anonymous) AS expired_at
              FROM (
                SELECT s.source_org_id, s.anonymous, coalesce(s.stix->>'x_hub_sighting_type', ${TRUE_SIGHTING}) AS kind,
                  -- When it was seen, never later than when the hub heard of it (a date in the future would hold the clock).
                  least(coalesce((s.stix->>'last_seen')::timestamptz, (s.stix->>'first_seen')::timestamptz, s.created, s.date_added), s.date_added) AS seen_at
                FROM stix_object s
                WHERE s.type = 'sighting' AND s.stix->>'sighting_of_ref' = ind.id AND ind.id = ANY(s.required_refs)
                  AND (s.tlp = 0 OR (s.tlp = 1 AND ind.tlp >= 1))
                  AND NOT s.revoked
                  AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = s.id AND n.modified > s.modified AND (n.tlp = 0 OR (n.tlp = 1 AND ind.tlp >= 1)))
                  AND NOT EXISTS (SELECT 1 FROM unnest(s.required_refs) AS ref(id)
                                  WHERE ref.id <> ind.id AND ref.id IS DISTINCT FROM s.stix->>'created_by_ref'
                                    AND NOT EXISTS (SELECT 1 FROM organization g WHERE g.identity_id = ref.id))
              ) s
            ) seen ON true
            -- Kept apart: the inputs are then columns, cheap enough for hub_score_at to be inlined
            -- (an expression used several times is not: the function ran once per row, twice the cost).
            OFFSET 0
          ) i
          LEFT JOIN score_decay_rule r ON r.observable_type = i.rule_type
          -- Kept apart: v.score is then a column, cheap enough for hub_score_next_check to be inlined.
          OFFSET 0
        ) v
        ON CONFLICT (object_pk) DO UPDATE SET rule_type = EXCLUDED.rule_type, base = EXCLUDED.base,
          clock_start = EXCLUDED.clock_start, ends_at = EXCLUDED.ends_at, score = EXCLUDED.score, next_check = EXCLUDED.next_check
        -- A row whose inputs did not change keeps its score until the batch: a sighting that moves
        -- nothing (one the readers may not all read) must not bring a lagging score up to date at
        -- the moment it is stored, which would tell them it exists and when it came.
        WHERE (sc.rule_type, sc.base, sc.clock_start, sc.ends_at) IS DISTINCT FROM (EXCLUDED.rule_type, EXCLUDED.base, EXCLUDED.clock_start, EXCLUDED.ends_at);
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_scores_after_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE affected bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          affected := ARRAY(SELECT pk FROM new_rows WHERE type = 'indicator');
          IF EXISTS (SELECT 1 FROM new_rows WHERE type = 'sighting') THEN
            affected := affected || ARRAY(${indicatorsNamedBy('new_rows')});
          END IF;
        ELSE
          DELETE FROM indicator_score WHERE object_pk IN (SELECT pk FROM old_rows);
          affected := '{}';
          IF EXISTS (SELECT 1 FROM old_rows WHERE type = 'sighting') THEN
            affected := ARRAY(${indicatorsNamedBy('old_rows')});
          END IF;
        END IF;
        -- A pk twice (a new indicator a sighting of the same statement names) is refreshed once.
        affected := ARRAY(SELECT DISTINCT pk FROM unnest(affected) AS a(pk));
        IF cardinality(affected) > 0 THEN PERFORM hub_refresh_indicator_scores(affected, now()); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_scores_after_observables() RETURNS trigger LANGUAGE plpgsql
      SET jit = off AS $$
      DECLARE affected bigint[];
      BEGIN
        -- The score rows of these observables' objects, each looked up by its key. The writer stores
        -- a new object's observables before its row, so for new objects there is none and nothing
        -- more is done (an array probe of the whole key, planned on a table that "looked small",
        -- read every score row for every batch).
        affected := ARRAY(SELECT s.object_pk FROM (SELECT DISTINCT object_pk FROM new_rows) n
                            CROSS JOIN LATERAL (SELECT s.object_pk FROM indicator_score s WHERE s.object_pk = n.object_pk OFFSET 0) s);
        IF cardinality(affected) = 0 THEN RETURN NULL; END IF;
        WITH ruled AS (
          UPDATE indicator_score sc SET rule_type = coalesce((
              SELECT so.type FROM stix_observable so WHERE so.object_pk = sc.object_pk AND ${RULE_TYPE_KNOWN}
              ORDER BY array_position(${RULE_TYPES}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}')
          WHERE sc.object_pk = ANY (affected)
          RETURNING sc.object_pk)
        SELECT array_agg(object_pk) INTO affected FROM ruled;
        IF affected IS NOT NULL THEN PERFORM hub_decay_indicator_scores(affected, now()); END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_scores_after_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE affected bigint[];
      BEGIN
        IF TG_OP = 'INSERT' THEN
          SELECT array_agg(pk) INTO affected FROM (
            SELECT pk FROM new_rows WHERE type = 'indicator'
            UNION
            SELECT o.pk FROM stix_object o
            WHERE o.id IN (SELECT stix->>'sighting_of_ref' FROM new_rows WHERE type = 'sighting') AND o.type = 'indicator') p;
        ELSE
          DELETE FROM indicator_score WHERE object_pk IN (SELECT pk FROM old_rows);
          SELECT array_agg(o.pk) INTO affected FROM stix_object o
          WHERE o.id IN (SELECT stix->>'sighting_of_ref' FROM old_rows WHERE type = 'sighting') AND o.type = 'indicator';
        END IF;
        IF affected IS NOT NULL THEN PERFORM hub_refresh_indicator_scores(affected, now()); END IF;
        RETURN NULL;
      END $$`);
    // The refresh and observables trigger of ScoresPlansWithoutStatistics1766940000000 (insert, then the decay step).
    await new ScoresPlansWithoutStatistics1766940000000().up(queryRunner);
  }
}

const RULE_TYPES = sqlTextArray(RULE_PRECEDENCE);
/** "so.type is one of the rule types", in a form no index serves (ScoresPlansWithoutStatistics1766940000000). */
const RULE_TYPE_KNOWN = `array_position(${RULE_TYPES}, so.type) IS NOT NULL`;
/** One indicator row by its key, kept as a subquery per key (OFFSET 0). */
const BY_PK = `SELECT * FROM stix_object o WHERE o.pk = p.pk AND o.type = 'indicator' OFFSET 0`;

/** The versions of the indicators the sightings of a transition table name, each ref by the (id, modified) key. */
function indicatorsNamedBy(table: string): string {
  return `SELECT o.pk FROM (SELECT DISTINCT stix->>'sighting_of_ref' AS id FROM ${table} WHERE type = 'sighting') r
            CROSS JOIN LATERAL (SELECT o.pk FROM stix_object o WHERE o.id = r.id AND o.type = 'indicator' OFFSET 0) o`;
}
