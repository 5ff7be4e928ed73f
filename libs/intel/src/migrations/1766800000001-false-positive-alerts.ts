import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people of an indicator's source organisation are alerted when someone reports it as a false
 * positive: an `alert` of kind FALSE_POSITIVE (no watch filter) on the sighting, written by a
 * trigger in the sighting's own transaction. The inbox shows an alert only while its reader may read
 * the sighting (libs/alerts re-checks at read time), as the reader's rules show it: an anonymous
 * reporter appears as its pseudonym, and a sighting the source may not read is never listed, so
 * the alert tells nothing the sighting itself would not.
 *
 * Written only for false positives at TLP:CLEAR or GREEN (which the source may read by their
 * marking; the read-time check stays for audience, revocation and references): a restricted one
 * would never show, and writing it would only tell, by its cost, that its indicator exists. Only
 * people of active organisations, as for watch alerts. One unread alert per (person, indicator):
 * while one is unread, a later false positive on the same indicator adds nothing, so reporting one
 * indicator again and again does not flood its source's inboxes (`false_positive_of`, the
 * indicator id, with a partial unique index on the unread ones).
 */
export class FalsePositiveAlerts1766800000001 implements MigrationInterface {
  name = 'FalsePositiveAlerts1766800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN watch_filter_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE alert ADD COLUMN kind text NOT NULL DEFAULT 'WATCH' CHECK (kind IN ('WATCH', 'FALSE_POSITIVE'))`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_origin CHECK ((kind = 'WATCH') = (watch_filter_id IS NOT NULL))`);
    await queryRunner.query(`ALTER TABLE alert ADD COLUMN false_positive_of text`);
    await queryRunner.query(`ALTER TABLE alert ADD CONSTRAINT alert_false_positive_of CHECK ((kind = 'FALSE_POSITIVE') = (false_positive_of IS NOT NULL))`);
    await queryRunner.query(`CREATE UNIQUE INDEX alert_false_positive_key ON alert (user_id, object_pk) WHERE kind = 'FALSE_POSITIVE'`);
    await queryRunner.query(`CREATE UNIQUE INDEX alert_false_positive_unread ON alert (user_id, false_positive_of) WHERE kind = 'FALSE_POSITIVE' AND read_at IS NULL`);
    await queryRunner.query(`
      CREATE FUNCTION alert_false_positives() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO alert (user_id, watch_filter_id, object_pk, object_id, kind, false_positive_of)
        SELECT person.id, NULL, s.pk, s.id, 'FALSE_POSITIVE', owner.id
        FROM new_rows s
        JOIN stix_object_owner owner ON owner.id = s.stix->>'sighting_of_ref' AND owner.id LIKE 'indicator--%'
        JOIN hub_user person ON person.organization_id = owner.source_org_id AND person.active AND person.id <> s.submitted_by
        JOIN organization org ON org.id = person.organization_id AND org.active
        WHERE s.type = 'sighting' AND s.stix->>'x_hub_sighting_type' = 'false-positive' AND NOT s.revoked AND s.tlp <= 1
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER alert_false_positives_inserted AFTER INSERT ON stix_object
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_false_positives()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER alert_false_positives_inserted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION alert_false_positives()`);
    await queryRunner.query(`DELETE FROM alert WHERE kind = 'FALSE_POSITIVE'`);
    await queryRunner.query(`DROP INDEX alert_false_positive_unread`);
    await queryRunner.query(`DROP INDEX alert_false_positive_key`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_false_positive_of, DROP COLUMN false_positive_of`);
    await queryRunner.query(`ALTER TABLE alert DROP CONSTRAINT alert_origin, DROP COLUMN kind`);
    await queryRunner.query(`ALTER TABLE alert ALTER COLUMN watch_filter_id SET NOT NULL`);
  }
}
