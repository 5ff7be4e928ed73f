import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pseudonym of an anonymous object is fixed when it is submitted: the group of member
 * organisations it names (sector and country, sector, or every member: a null part is not named).
 * Until now it was rebuilt from the source's current sector and country, so an operator's edit of
 * the organisation relabelled everything it had shared anonymously. Existing anonymous rows keep
 * the pseudonym they show today.
 */
export class AnonymousPseudonym1766500000000 implements MigrationInterface {
  name = 'AnonymousPseudonym1766500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stix_object ADD COLUMN pseudonym_sector text, ADD COLUMN pseudonym_country text`);
    // The trends count each row under its source's sector when the hub received it; an UPDATE would
    // queue the rows again and count them under the current one. Nothing trends read changes here.
    const [trendTrigger] = await queryRunner.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'trend_queue_updated' AND tgrelid = 'stix_object'::regclass`);
    if (trendTrigger) await queryRunner.query(`ALTER TABLE stix_object DISABLE TRIGGER trend_queue_updated`);
    await queryRunner.query(`
      UPDATE stix_object o SET pseudonym_sector = source.sector, pseudonym_country = source.country
      FROM organization source
      WHERE source.id = o.source_org_id AND o.anonymous`);
    if (trendTrigger) await queryRunner.query(`ALTER TABLE stix_object ENABLE TRIGGER trend_queue_updated`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stix_object DROP COLUMN pseudonym_sector, DROP COLUMN pseudonym_country`);
  }
}
