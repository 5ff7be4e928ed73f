import { MigrationInterface, QueryRunner } from 'typeorm';
import { pseudonymFor } from '../anonymity/pseudonym';

/**
 * An anonymous object must not carry its source's identity anywhere in what others read. New
 * submissions replace every string equal to it, at any depth, by the pseudonym (prepare-object.ts);
 * rows stored before that still carry it inside nested properties (an extension's or custom
 * property's reference, a list of objects). Those rows get the same replacement, with the pseudonym
 * each row shows (fixed by AnonymousPseudonym1766500000000): every string value equal to the
 * identity id, except the object's own top-level id, as the ingestion does. Keys are left alone.
 */
export class AnonymousNestedIdentity1766700000001 implements MigrationInterface {
  name = 'AnonymousNestedIdentity1766700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Recursive, so PL/pgSQL (an SQL function's body is checked before it exists); dropped with the session.
    await queryRunner.query(`
      CREATE FUNCTION pg_temp.jsonb_replace_string(value jsonb, old text, new text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
      BEGIN
        RETURN CASE jsonb_typeof(value)
          WHEN 'string' THEN CASE WHEN value #>> '{}' = old THEN to_jsonb(new) ELSE value END
          WHEN 'array' THEN (SELECT COALESCE(jsonb_agg(pg_temp.jsonb_replace_string(element, old, new) ORDER BY position), '[]'::jsonb)
                               FROM jsonb_array_elements(value) WITH ORDINALITY AS a(element, position))
          WHEN 'object' THEN (SELECT COALESCE(jsonb_object_agg(key, pg_temp.jsonb_replace_string(inner_value, old, new)), '{}'::jsonb)
                                FROM jsonb_each(value) AS o(key, inner_value))
          ELSE value
        END;
      END $$`);
    // One group per source and pseudonym; only rows whose text holds the identity are touched.
    const groups: { source_org_id: string; identity_id: string; sector: string | null; country: string | null }[] = await queryRunner.query(`
      SELECT DISTINCT o.source_org_id, source.identity_id, o.pseudonym_sector AS sector, o.pseudonym_country AS country
        FROM stix_object o JOIN organization source ON source.id = o.source_org_id
       WHERE o.anonymous AND strpos(o.stix::text, source.identity_id) > 0`);
    if (!groups.length) return;
    // The trends count each row under its source when the hub received it, and nothing they read
    // changes here: an UPDATE must not queue the rows again (as in AnonymousPseudonym1766500000000).
    const [trendTrigger] = await queryRunner.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'trend_queue_updated' AND tgrelid = 'stix_object'::regclass`);
    if (trendTrigger) await queryRunner.query(`ALTER TABLE stix_object DISABLE TRIGGER trend_queue_updated`);
    for (const group of groups) {
      await queryRunner.query(
        `UPDATE stix_object
            SET stix = pg_temp.jsonb_replace_string(stix - 'id', $2, $3) || jsonb_build_object('id', stix->'id')
          WHERE anonymous AND source_org_id = $1::uuid AND pseudonym_sector IS NOT DISTINCT FROM $4 AND pseudonym_country IS NOT DISTINCT FROM $5
            AND strpos(stix::text, $2) > 0`,
        [group.source_org_id, group.identity_id, pseudonymFor(group.sector, group.country).identityId, group.sector, group.country],
      );
    }
    if (trendTrigger) await queryRunner.query(`ALTER TABLE stix_object ENABLE TRIGGER trend_queue_updated`);
  }

  async down(): Promise<void> {
    // Nothing to undo: the identity was never meant to be there, and which strings held it is not kept.
  }
}
