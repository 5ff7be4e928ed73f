import { MigrationInterface, QueryRunner } from 'typeorm';
import { FOLLOWABLE_FUNCTIONS, standsOnRestrictedRef } from './1766100000000-trend-static-followable';

/**
 * SQL over `o` (stix_object) and `org` (its source organisation): the sector a row counts under. An
 * anonymous row counts under the sector its pseudonym names (AnonymousPseudonym1766500000000), or
 * under '(none)' when the pseudonym names none: the source's true sector would name the only
 * member of a small sector. The literal is NO_VALUE_KEY of @hub/trend-rules, written out so this
 * migration never changes.
 */
const COUNTED_SECTOR = `CASE WHEN o.anonymous THEN coalesce(o.pseudonym_sector, '(none)') ELSE org.sector END`;

/**
 * trend_object held the source's true sector for anonymous rows too, and the SECTOR grouping, the
 * `sectors` filter, the rollups and the profile parts all count by it: the only GOVERNMENT member
 * sharing anonymously showed as `GOVERNMENT: 1`. From now on an anonymous row holds its pseudonym's
 * sector (COUNTED_SECTOR); source_org_id stays the true source, which k-anonymity counts and access
 * use and which never leaves the server.
 *
 * Anonymous rows already taken into account under their true sector go back to trend_pending: the
 * next catch-up forgets them (out of the rollups, into trend_retraction for the profile parts) and
 * takes them into account again under the new definition, as for any changed row.
 */
export class TrendAnonymousSector1766600000000 implements MigrationInterface {
  name = 'TrendAnonymousSector1766600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of ANONYMOUS_SECTOR_FUNCTIONS) await queryRunner.query(statement);
    await queryRunner.query(`
      INSERT INTO trend_pending (object_pk)
      SELECT t.object_pk
      FROM trend_object t JOIN stix_object o ON o.pk = t.object_pk JOIN organization org ON org.id = o.source_org_id
      WHERE t.anonymous AND t.sector IS DISTINCT FROM ${COUNTED_SECTOR}`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows already taken into account keep their pseudonym's sector; only new ones count by the true one.
    for (const statement of FOLLOWABLE_FUNCTIONS) await queryRunner.query(statement);
  }
}

export const ANONYMOUS_SECTOR_FUNCTIONS = [
  // TrendStaticFollowable1766100000000's trend_track; only the sector of anonymous rows differs.
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
            o.source_org_id, o.anonymous, ${COUNTED_SECTOR}, org.kind,
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
];
