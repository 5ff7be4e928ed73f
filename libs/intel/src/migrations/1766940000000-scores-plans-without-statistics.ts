import { DEFAULT_CONFIDENCE, FALSE_POSITIVE_PENALTY, SIGHTING_BONUS, SIGHTING_BONUS_CAP } from '@hub/intel-rules';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { EXPIRATION, FALSE_POSITIVE, OTHER_DECAY_RULE, RULE_PRECEDENCE, sqlTextArray, TRUE_SIGHTING } from './1766800000000-indicator-scores';

/**
 * The score triggers' plans no longer depend on table statistics. Each statement that stores
 * objects (an import batch, a bundle) runs them, and on a table that was not analysed since it grew
 * (a fresh hub, autovacuum behind or off) the planner took the indicator rows for a handful:
 * - the rule of an indicator ("which observable type comes first") ANDed the object's observables
 *   with EVERY observable of the rule types through the (type, value) index: a walk of the whole
 *   table per indicator, so each import batch cost more than the one before (3 s per 1,000
 *   indicators at 10,000 stored). The types are now matched by array_position, which no index
 *   serves: only the object's own observables are read.
 * - the batch's indicators were joined to a hash of every indicator row (and, in the observables
 *   trigger, of every score row): the same growth. Rows are now read by their key, one by one (a
 *   LATERAL subquery behind OFFSET 0, which the planner keeps as it is; an array probe of the
 *   primary key for the score rows). The decay step, which had the same growth, and
 *   hub_score_next_check are redone in InlinedScoreDecay1766960000000.
 * - the sightings of the batch were listed once and that list scanned for every indicator (the
 *   square of the batch): each indicator now finds its own by an index on sighting_of_ref.
 * What they compute is unchanged (the same SQL otherwise; IndicatorScores1766800000000).
 */
export class ScoresPlansWithoutStatistics1766940000000 implements MigrationInterface {
  name = 'ScoresPlansWithoutStatistics1766940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS stix_object_sighting_of ON stix_object ((stix->>'sighting_of_ref')) WHERE type = 'sighting'`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_refresh_indicator_scores(pks bigint[], at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE changed bigint[];
      BEGIN
        WITH written AS (
        INSERT INTO indicator_score AS sc (object_pk, rule_type, base, clock_start, ends_at, score, next_check)
        SELECT ind.pk, ind.rule_type,
          CASE WHEN ind.revoked THEN 0 ELSE least(100, greatest(0,
            ind.confidence + least(${SIGHTING_BONUS} * coalesce(seen.sightings, 0), ${SIGHTING_BONUS_CAP}) - ${FALSE_POSITIVE_PENALTY} * coalesce(seen.false_positives, 0))) END,
          greatest(ind.valid_from, coalesce(seen.last_sighting, ind.valid_from)),
          CASE WHEN ind.valid_until IS NULL THEN seen.expired_at WHEN seen.expired_at IS NULL THEN ind.valid_until ELSE least(ind.valid_until, seen.expired_at) END,
          0, NULL
        FROM (
          SELECT o.pk, o.id, o.tlp, o.source_org_id, o.anonymous, o.revoked,
            coalesce(o.valid_from, o.created, o.date_added) AS valid_from, o.valid_until,
            CASE WHEN jsonb_typeof(o.stix->'confidence') = 'number' THEN least(100, greatest(0, (o.stix->>'confidence')::double precision)) ELSE ${DEFAULT_CONFIDENCE} END AS confidence,
            coalesce((SELECT so.type FROM stix_observable so WHERE so.object_pk = o.pk AND ${RULE_TYPE_KNOWN}
                      ORDER BY array_position(${RULE_TYPES}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}') AS rule_type
          -- Each row by its key (BY_PK), neither "pk = ANY(pks)" (searched row by row) nor a join the
          -- planner may turn into a hash of every indicator.
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
            -- The indicator's own sightings, by their index: a list of the batch's sightings, scanned
            -- once per indicator, was the square of the batch (half an hour for 100,000 objects).
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
        ON CONFLICT (object_pk) DO UPDATE SET rule_type = EXCLUDED.rule_type, base = EXCLUDED.base,
          clock_start = EXCLUDED.clock_start, ends_at = EXCLUDED.ends_at
        -- A row whose inputs did not change keeps its score until the batch: a sighting that moves
        -- nothing (one the readers may not all read) must not bring a lagging score up to date at
        -- the moment it is stored, which would tell them it exists and when it came.
        WHERE (sc.rule_type, sc.base, sc.clock_start, sc.ends_at) IS DISTINCT FROM (EXCLUDED.rule_type, EXCLUDED.base, EXCLUDED.clock_start, EXCLUDED.ends_at)
        RETURNING sc.object_pk)
        SELECT array_agg(object_pk) INTO changed FROM written;
        IF changed IS NOT NULL THEN PERFORM hub_decay_indicator_scores(changed, at); END IF;
      END $$`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION hub_scores_after_observables() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE affected bigint[];
      BEGIN
        WITH ruled AS (
          UPDATE indicator_score sc SET rule_type = coalesce((
              SELECT so.type FROM stix_observable so WHERE so.object_pk = sc.object_pk AND ${RULE_TYPE_KNOWN}
              ORDER BY array_position(${RULE_TYPES}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}')
          WHERE sc.object_pk = ANY (ARRAY(SELECT DISTINCT object_pk FROM new_rows))
          RETURNING sc.object_pk)
        SELECT array_agg(object_pk) INTO affected FROM ruled;
        IF affected IS NOT NULL THEN PERFORM hub_decay_indicator_scores(affected, now()); END IF;
        RETURN NULL;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The functions of IndicatorScores1766800000000 compute the same; only their plans differ. The
    // index is dropped, as nothing else reads it.
    await queryRunner.query(`DROP INDEX IF EXISTS stix_object_sighting_of`);
  }
}

const RULE_TYPES = sqlTextArray(RULE_PRECEDENCE);
/** "so.type is one of the rule types", in a form no index serves (see above). */
const RULE_TYPE_KNOWN = `array_position(${RULE_TYPES}, so.type) IS NOT NULL`;
/** One indicator row by its key, kept as a subquery per key (OFFSET 0). */
const BY_PK = `SELECT * FROM stix_object o WHERE o.pk = p.pk AND o.type = 'indicator' OFFSET 0`;
