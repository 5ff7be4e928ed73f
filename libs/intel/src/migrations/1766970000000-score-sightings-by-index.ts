import { DEFAULT_CONFIDENCE, FALSE_POSITIVE_PENALTY, SIGHTING_BONUS, SIGHTING_BONUS_CAP } from '@hub/intel-rules';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { OTHER_DECAY_RULE, RULE_PRECEDENCE, sqlTextArray } from './1766800000000-indicator-scores';

const TRUE_SIGHTING = `'sighting'`;
const FALSE_POSITIVE = `'false-positive'`;
const EXPIRATION = `'expiration'`;

/**
 * hub_refresh_indicator_scores found a batch's sightings once, then scanned that list for every
 * indicator of the batch: the square of the batch (a statement storing 100,000 objects, 70,000
 * indicators and 7,000 sightings, ran for over half an hour). Each indicator now finds its own
 * sightings by an index on sighting_of_ref, whatever the planner thinks of the batch's size (the
 * rows of a statement are not in the statistics yet). The rules of which sightings count are
 * unchanged (IndicatorScores1766800000000, docs/intel.md "Which sightings move a score").
 */
export class ScoreSightingsByIndex1766970000000 implements MigrationInterface {
  name = 'ScoreSightingsByIndex1766970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX IF NOT EXISTS stix_object_sighting_of ON stix_object ((stix->>'sighting_of_ref')) WHERE type = 'sighting'`);
    await queryRunner.query(REFRESH_FUNCTION);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX stix_object_sighting_of`);
    // The earlier body comes back with the earlier migration's up; a down to before this one only
    // needs the index gone, since the new body works without it (slowly).
  }
}

/** The sightings of one indicator `ind` that count for its score, found by the index. */
const SIGHTINGS_OF_IND = `
            FROM stix_object s
            WHERE s.type = 'sighting' AND s.stix->>'sighting_of_ref' = ind.id AND ind.id = ANY(s.required_refs)
              AND (s.tlp = 0 OR (s.tlp = 1 AND ind.tlp >= 1))
              AND NOT s.revoked
              AND NOT EXISTS (SELECT 1 FROM stix_object n WHERE n.id = s.id AND n.modified > s.modified AND (n.tlp = 0 OR (n.tlp = 1 AND ind.tlp >= 1)))
              AND NOT EXISTS (SELECT 1 FROM unnest(s.required_refs) AS ref(id)
                              WHERE ref.id <> ind.id AND ref.id IS DISTINCT FROM s.stix->>'created_by_ref'
                                AND NOT EXISTS (SELECT 1 FROM organization g WHERE g.identity_id = ref.id))`;

const REFRESH_FUNCTION = `
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
            coalesce((SELECT so.type FROM stix_observable so WHERE so.object_pk = o.pk AND so.type = ANY(${sqlTextArray(RULE_PRECEDENCE)})
                      ORDER BY array_position(${sqlTextArray(RULE_PRECEDENCE)}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}') AS rule_type
          -- Joined from the array, not "pk = ANY(pks)": a parameter array is searched row by row.
          FROM unnest(pks) AS p(pk) JOIN stix_object o ON o.pk = p.pk WHERE o.type = 'indicator'
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
            ${SIGHTINGS_OF_IND}
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
      END $$`;
