import { MigrationInterface, QueryRunner } from 'typeorm';
import { TREND_FUNCTIONS } from './1764000000000-trends';

/**
 * SQL: a reference (`ref`) every viewer of trends may follow, whatever they read: an object with a
 * CLEAR or GREEN row taken into account (`trend_object`) or among `openPks` (the batch being taken
 * into account), a member organisation's identity (organisations are never deleted, see
 * MembersNeverDeleted1766000000003, and keep their identity), or the row's own creator
 * (`createdBy`). The feed's rule (docs/sharing.md, "References") follows more for some viewers,
 * never less than this for any.
 */
function followableByEveryone(ref: string, createdBy: string, openPks: string | null): string {
  return `(${ref} IS NOT DISTINCT FROM ${createdBy}
      OR EXISTS (SELECT 1 FROM trend_object open WHERE open.object_id = ${ref} AND open.tlp <= 1)
      ${openPks ? `OR EXISTS (SELECT 1 FROM stix_object open WHERE open.id = ${ref} AND open.tlp <= 1 AND open.pk = ANY (${openPks}))` : ''}
      OR EXISTS (SELECT 1 FROM organization member WHERE member.identity_id = ${ref}))`;
}

/** SQL: the stored row `o` stands on a reference not every viewer may follow. */
export function standsOnRestrictedRef(o: string, openPks: string | null): string {
  return `(cardinality(${o}.required_refs) > 0 AND EXISTS (
      SELECT 1 FROM unnest(${o}.required_refs) AS ref(id)
      WHERE NOT ${followableByEveryone('ref.id', `${o}.stix->>'created_by_ref'`, openPks)}))`;
}

/**
 * A relationship or sighting standing on an id the hub does not hold was "static" (counted for
 * whoever reads it by its marking) while one standing on a hidden id was counted row by row under
 * the feed's rule: a readable trend told whether an id was held, and disagreed with the feed, which
 * hides both (docs/sharing.md, "References"). From now on a row is static only when every reference
 * it stands on is followable by everyone (followableByEveryone); any other reference, held or not,
 * makes it counted row by row with the feed's own rule. Since what makes a row static is now held in
 * trend_object, the catch-up only needs to notice when the last CLEAR or GREEN row of an object
 * leaves trend_object (trend_forget); a new restricted object no longer affects static rows.
 *
 * Rows already taken into account under the old rule move to row-by-row counting in one new batch,
 * so profile parts take them back out through trend_retraction like any other change.
 */
export class TrendStaticFollowable1766100000000 implements MigrationInterface {
  name = 'TrendStaticFollowable1766100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of FOLLOWABLE_FUNCTIONS) await queryRunner.query(statement);
    // Under the catch-up lock: another hub process may be catching up with the old definitions.
    await queryRunner.query(`DO $$
      DECLARE
        moving bigint[];
        move_batch bigint;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('trend_catch_up'));
        SELECT array_agg(t.object_pk) INTO moving
        FROM trend_object t JOIN stix_object o ON o.pk = t.object_pk
        WHERE t.static AND ${standsOnRestrictedRef('o', null)};
        IF moving IS NULL THEN RETURN; END IF;
        INSERT INTO trend_batch (objects) VALUES (cardinality(moving)) RETURNING batch INTO move_batch;
        PERFORM trend_count_row_by_row(moving, move_batch);
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows moved to row-by-row counting count the same under the earlier definitions.
    for (const statement of TREND_FUNCTIONS) await queryRunner.query(statement);
  }
}

export const FOLLOWABLE_FUNCTIONS = [
  // Takes rows into account. A row is static when it is the only version of its object (objects
  // without "modified" keep one row per source and never have versions) and every reference it
  // stands on (a relationship's ends, a sighting's indicator) is followable by everyone: then
  // whoever may read the row sees it in the feed, and it counts exactly when the viewer's readable
  // condition holds. Every other row is counted row by row with the feed's rule, whether what it
  // stands on is hidden or not held at all, so the two look the same.
  `CREATE OR REPLACE FUNCTION trend_track(p_pks bigint[], p_batch bigint) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     revised_ids text[];
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
            NOT ((revised_ids IS NOT NULL AND o.id = ANY (revised_ids)) OR ${standsOnRestrictedRef('o', 'p_pks')}),
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

     PERFORM trend_rollup_add(ARRAY(SELECT t.object_pk FROM trend_object t WHERE t.object_pk = ANY (p_pks) AND t.static), 1);
   END $$`,

  // Stops taking rows into account (they changed or were deleted; changed ones are tracked again
  // afterwards). When the last CLEAR or GREEN row of an object leaves trend_object (a row of p_pks
  // still CLEAR or GREEN in stix_object is taken into account again in this batch), the static rows
  // standing on it are counted row by row from then on.
  `CREATE OR REPLACE FUNCTION trend_forget(p_pks bigint[], p_batch bigint) RETURNS void LANGUAGE plpgsql AS $$
   DECLARE
     vanished_ids text[];
   BEGIN
     SELECT array_agg(DISTINCT t.object_id) INTO vanished_ids
     FROM trend_object t
     WHERE t.object_pk = ANY (p_pks) AND t.tlp <= 1
       AND NOT EXISTS (SELECT 1 FROM trend_object open WHERE open.object_id = t.object_id AND open.tlp <= 1 AND NOT open.object_pk = ANY (p_pks))
       AND NOT EXISTS (SELECT 1 FROM stix_object open WHERE open.id = t.object_id AND open.tlp <= 1 AND open.pk = ANY (p_pks));
     PERFORM trend_count_row_by_row(p_pks, p_batch);
     IF vanished_ids IS NOT NULL THEN
       PERFORM trend_count_row_by_row(ARRAY(
         SELECT s.pk FROM unnest(vanished_ids) AS vanished(id) JOIN stix_object s ON s.required_refs @> ARRAY[vanished.id]), p_batch);
     END IF;
     DELETE FROM trend_family_link WHERE relationship_pk = ANY (p_pks);
     DELETE FROM trend_object WHERE object_pk = ANY (p_pks);
   END $$`,
];
