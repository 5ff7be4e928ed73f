import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Watch filters and the alerts they keep.
 * - watch_filter: what a person wants to hear about (the criteria as JSON, see watch-criteria.ts).
 * - alert: one row per (watch filter, stored object version) that matched, kept until deleted with
 *   its filter, so nothing is lost while its owner is offline.
 * - alert_pending: stored object versions not yet matched against the watch filters. A trigger on
 *   stix_object fills it in the submission's own transaction, so a replica that stops between
 *   storing and matching loses nothing: whichever replica drains the queue next matches them.
 */
export class Alerts1764200000000 implements MigrationInterface {
  name = 'Alerts1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE watch_filter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_user_id uuid NOT NULL REFERENCES hub_user (id),
        organization_id uuid NOT NULL REFERENCES organization (id),
        name text NOT NULL,
        criteria jsonb NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX watch_filter_owner_name_key ON watch_filter (owner_user_id, lower(name))`);
    await queryRunner.query(`CREATE INDEX watch_filter_active ON watch_filter (owner_user_id) WHERE active`);

    await queryRunner.query(`
      CREATE TABLE alert (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES hub_user (id),
        watch_filter_id uuid NOT NULL REFERENCES watch_filter (id) ON DELETE CASCADE,
        object_pk bigint NOT NULL,
        object_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (watch_filter_id, object_pk)
      )`);
    await queryRunner.query(`CREATE INDEX alert_user ON alert (user_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX alert_user_unread ON alert (user_id, id DESC) WHERE read_at IS NULL`);

    await queryRunner.query(`CREATE TABLE alert_pending (object_pk bigint PRIMARY KEY)`);
    // Nothing is queued while nobody watches, so the hub pays for alerts only once someone uses them.
    await queryRunner.query(`
      CREATE FUNCTION alert_queue_new_rows() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM watch_filter WHERE active) THEN
          INSERT INTO alert_pending (object_pk) SELECT pk FROM new_rows ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER alert_queue_inserted AFTER INSERT ON stix_object
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION alert_queue_new_rows()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER IF EXISTS alert_queue_inserted ON stix_object`);
    await queryRunner.query(`DROP FUNCTION IF EXISTS alert_queue_new_rows()`);
    await queryRunner.query(`DROP TABLE alert_pending, alert, watch_filter`);
  }
}
