import { DEFAULT_CONFIDENCE, DEFAULT_DECAY_RULES, FALSE_POSITIVE_PENALTY, SIGHTING_BONUS, SIGHTING_BONUS_CAP } from '@hub/intel-rules';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The decay rule of indicators whose pattern names no observable type the rules know. */
export const OTHER_DECAY_RULE = { observableType: 'other', lifetimeDays: 180, speed: 1 } as const;

/**
 * When an indicator names observables of several types, the first of this list decides its decay
 * rule: the types attackers rent and drop come first, so a mixed pattern decays like its most
 * volatile part. A fixed order (not "the shortest lifetime") keeps an operator's rule change to the
 * rows of that one type.
 */
export const RULE_PRECEDENCE = Object.keys(DEFAULT_DECAY_RULES);

/** The sighting types that move a score, as SQL literals (also used by later migrations of these functions). */
export const TRUE_SIGHTING = `'sighting'`;
export const FALSE_POSITIVE = `'false-positive'`;
export const EXPIRATION = `'expiration'`;

/**
 * Scores that decay (docs/intel.md, "Scores"), kept in SQL:
 * - score_decay_rule: L (days) and δ per observable type, set by the operator;
 * - indicator_score: per indicator row, the inputs of the decay (base, clock start, end) and the
 *   current score, with `next_check`, the moment the score next drops a point (NULL once it is 0).
 *   The batch (ScoresService.refreshDue) updates only rows whose next_check has passed.
 * The SQL functions are the twins of libs/intel-rules' decay.ts (baseScore, scoreAt, thresholdCrossing).
 * Statement triggers on stix_object and stix_observable recompute the inputs of the indicators a
 * statement adds, and of those a new or deleted sighting names, in the transaction that stores them.
 */
export class IndicatorScores1766800000000 implements MigrationInterface {
  name = 'IndicatorScores1766800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE score_decay_rule (
        observable_type text PRIMARY KEY,
        lifetime_days double precision NOT NULL CHECK (lifetime_days > 0),
        speed double precision NOT NULL CHECK (speed > 0),
        updated_by uuid REFERENCES hub_user (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    const rules = [...Object.entries(DEFAULT_DECAY_RULES).map(([type, rule]) => [type, rule.lifetimeDays, rule.speed]), [OTHER_DECAY_RULE.observableType, OTHER_DECAY_RULE.lifetimeDays, OTHER_DECAY_RULE.speed]];
    for (const [type, lifetime, speed] of rules) {
      await queryRunner.query(`INSERT INTO score_decay_rule (observable_type, lifetime_days, speed) VALUES ($1, $2, $3)`, [type, lifetime, speed]);
    }

    await queryRunner.query(`
      CREATE TABLE indicator_score (
        object_pk bigint PRIMARY KEY,
        rule_type text NOT NULL,
        base double precision NOT NULL,
        clock_start timestamptz NOT NULL,
        ends_at timestamptz,
        score smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
        next_check timestamptz
      )`);
    // No foreign key (checked row by row, see IngestWithoutRowChecks1766000000001 of libs/sharing):
    // rows are written in the transaction that stores their indicator and go with it by the triggers below.
    // The batch reads the due rows only; a row whose score is 0 for good is not in the index.
    await queryRunner.query(`CREATE INDEX indicator_score_due ON indicator_score (next_check) WHERE next_check IS NOT NULL`);

    // scoreAt of decay.ts, in milliseconds as there; the 1e-9 keeps a value computed a hair above
    // an integer at its crossing moment from rounding back up.
    await queryRunner.query(`
      CREATE FUNCTION hub_score_at(base double precision, clock_start timestamptz, ends_at timestamptz,
                                   lifetime_days double precision, speed double precision, at timestamptz)
      RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE
          WHEN ends_at IS NOT NULL AND at >= ends_at THEN 0
          WHEN base <= 0 THEN 0
          WHEN extract(epoch FROM at - clock_start) * 1000 >= lifetime_days * 86400000 THEN 0
          ELSE least(100, greatest(0, ceil(base * (1 - power(greatest(0, extract(epoch FROM at - clock_start) * 1000) / (lifetime_days * 86400000), 1 / speed)) - 1e-9)))
        END::smallint $$`);
    // thresholdCrossing(clock, score - 1) of decay.ts: when the stored score next drops a point.
    await queryRunner.query(`
      CREATE FUNCTION hub_score_next_check(base double precision, clock_start timestamptz, ends_at timestamptz,
                                           lifetime_days double precision, speed double precision, score smallint)
      RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN score <= 0 THEN NULL ELSE (
          SELECT CASE WHEN ends_at IS NOT NULL AND ends_at < crossing THEN greatest(ends_at, clock_start) ELSE crossing END
          FROM (SELECT to_timestamp(ceil(extract(epoch FROM clock_start) * 1000
                  + CASE WHEN base <= score - 1 THEN 0 ELSE lifetime_days * 86400000 * power(1 - (score - 1) / base, speed) END) / 1000.0) AS crossing) c
        ) END $$`);

    // The decay step: the score at \`at\` and the next moment to look again, for the given rows.
    await queryRunner.query(`
      CREATE FUNCTION hub_decay_indicator_scores(pks bigint[], at timestamptz) RETURNS integer LANGUAGE plpgsql AS $$
      DECLARE updated integer;
      BEGIN
        UPDATE indicator_score sc SET score = x.score,
          next_check = hub_score_next_check(sc.base, sc.clock_start, sc.ends_at, x.lifetime_days, x.speed, x.score)
        FROM (SELECT s.object_pk, r.lifetime_days, r.speed, hub_score_at(s.base, s.clock_start, s.ends_at, r.lifetime_days, r.speed, at) AS score
              FROM unnest(pks) AS p(pk) JOIN indicator_score s ON s.object_pk = p.pk
              JOIN score_decay_rule r ON r.observable_type = s.rule_type) x
        WHERE sc.object_pk = x.object_pk;
        GET DIAGNOSTICS updated = ROW_COUNT;
        RETURN updated;
      END $$`);

    // The inputs of the given indicator rows. A sighting counts when EVERY reader of the indicator
    // may read it (see docs/intel.md, "Which sightings move a score"): TLP:CLEAR, or TLP:GREEN for an
    // indicator that is not CLEAR; the latest such version, not revoked; requiring (required_refs:
    // for a sighting, only its sighting_of_ref) nothing but the indicator, member organisations'
    // identities and its own creator. A score change then never
    // tells a reader of a sighting it could not read itself.
    await queryRunner.query(`
      CREATE FUNCTION hub_refresh_indicator_scores(pks bigint[], at timestamptz) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE changed bigint[];
      BEGIN
        -- The sightings of the batch's indicators, found once through the references index: asked
        -- indicator by indicator, the planner also walked every sighting by type each time (minutes
        -- per slice of a million objects).
        WITH batch_sightings AS MATERIALIZED (
          SELECT s.id, s.modified, s.tlp, s.revoked, s.source_org_id, s.anonymous, s.stix, s.created, s.date_added, s.required_refs,
                 s.stix->>'sighting_of_ref' AS sighting_of_ref
          FROM stix_object s
          WHERE s.required_refs && ARRAY(SELECT o.id FROM unnest(pks) AS p(pk) JOIN stix_object o ON o.pk = p.pk WHERE o.type = 'indicator')
            AND s.type = 'sighting'
        ),
        written AS (
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
          -- Joined from the array, not "pk = ANY(pks)": a parameter array is searched row by row, which
          -- grows with the square of its size (a migration of a million indicators never ended).
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
            FROM batch_sightings s
            WHERE s.sighting_of_ref = ind.id
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
      CREATE FUNCTION hub_scores_after_objects() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`
      CREATE TRIGGER stix_object_scores_inserted AFTER INSERT ON stix_object
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_scores_after_objects()`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_scores_deleted AFTER DELETE ON stix_object
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_scores_after_objects()`);
    await queryRunner.query(`
      CREATE FUNCTION indicator_score_truncate_with_objects() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE indicator_score;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_object_scores_truncated AFTER TRUNCATE ON stix_object
        FOR EACH STATEMENT EXECUTE FUNCTION indicator_score_truncate_with_objects()`);
    // An indicator's observables are written after its row: they decide its rule. Only the rule and
    // the decay are redone here; the sightings were counted when the row was stored.
    await queryRunner.query(`
      CREATE FUNCTION hub_scores_after_observables() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE affected bigint[];
      BEGIN
        WITH ruled AS (
          UPDATE indicator_score sc SET rule_type = coalesce((
              SELECT so.type FROM stix_observable so WHERE so.object_pk = sc.object_pk AND so.type = ANY(${sqlTextArray(RULE_PRECEDENCE)})
              ORDER BY array_position(${sqlTextArray(RULE_PRECEDENCE)}, so.type) LIMIT 1), '${OTHER_DECAY_RULE.observableType}')
          WHERE sc.object_pk IN (SELECT DISTINCT object_pk FROM new_rows)
          RETURNING sc.object_pk)
        SELECT array_agg(object_pk) INTO affected FROM ruled;
        IF affected IS NOT NULL THEN PERFORM hub_decay_indicator_scores(affected, now()); END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stix_observable_scores_inserted AFTER INSERT ON stix_observable
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hub_scores_after_observables()`);
    // Answers that read scores are cached until the read model changes (see libs/sharing's answer cache).
    await queryRunner.query(`CREATE TRIGGER indicator_score_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_score FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);
    await queryRunner.query(`CREATE TRIGGER score_decay_rule_read_model AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON score_decay_rule FOR EACH STATEMENT EXECUTE FUNCTION read_model_changed()`);

    // In slices of 5,000 indicators: one statement per slice keeps each array, and its sort, small.
    await queryRunner.query(`
      DO $$ DECLARE lo bigint; hi bigint;
      BEGIN
        SELECT min(pk), max(pk) INTO lo, hi FROM stix_object WHERE type = 'indicator';
        WHILE lo <= hi LOOP
          PERFORM hub_refresh_indicator_scores(ARRAY(SELECT pk FROM stix_object WHERE type = 'indicator' AND pk >= lo AND pk < lo + 5000), now());
          lo := lo + 5000;
        END LOOP;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stix_observable_scores_inserted ON stix_observable`);
    await queryRunner.query(`DROP TRIGGER stix_object_scores_deleted ON stix_object`);
    await queryRunner.query(`DROP TRIGGER stix_object_scores_truncated ON stix_object`);
    await queryRunner.query(`DROP FUNCTION indicator_score_truncate_with_objects()`);
    await queryRunner.query(`DROP TRIGGER stix_object_scores_inserted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION hub_scores_after_observables(), hub_scores_after_objects()`);
    await queryRunner.query(`DROP FUNCTION hub_refresh_indicator_scores(bigint[], timestamptz), hub_decay_indicator_scores(bigint[], timestamptz)`);
    await queryRunner.query(`DROP FUNCTION hub_score_next_check(double precision, timestamptz, timestamptz, double precision, double precision, smallint)`);
    await queryRunner.query(`DROP FUNCTION hub_score_at(double precision, timestamptz, timestamptz, double precision, double precision, timestamptz)`);
    await queryRunner.query(`DROP TABLE indicator_score, score_decay_rule`);
  }
}

/** A constant text[] literal of known-safe names (observable type names of this repository). */
export function sqlTextArray(values: readonly string[]): string {
  for (const value of values) if (!/^[a-z0-9-]+$/.test(value)) throw new Error(`not an observable type name: ${value}`);
  return `ARRAY[${values.map((value) => `'${value}'`).join(', ')}]::text[]`;
}
