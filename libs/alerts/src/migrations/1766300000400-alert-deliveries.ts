import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of alerts outside the hub (docs/alerts.md, "Delivery by webhook").
 * - watch_filter.webhook_url / webhook_secret: where each alert is POSTed and the HMAC secret that
 *   signs it (kept as is: the hub needs it to sign; it is never shown again after creation).
 * - watch_filter.email: each alert is also summarised by e-mail to the owner's current address.
 * - alert_delivery: one row per (alert, channel) still to send, sent or given up. Workers on every
 *   replica claim due rows with FOR UPDATE SKIP LOCKED; a claimed row is leased by moving its
 *   next_attempt_at forward, so a replica that stops mid-send leaves it to be retried.
 */
export class AlertDeliveries1766300000400 implements MigrationInterface {
  name = 'AlertDeliveries1766300000400';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE watch_filter ADD COLUMN webhook_url text, ADD COLUMN webhook_secret text, ADD COLUMN email boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`
      CREATE TABLE alert_delivery (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alert_id bigint NOT NULL REFERENCES alert (id) ON DELETE CASCADE,
        watch_filter_id uuid NOT NULL REFERENCES watch_filter (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'WITHHELD')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (alert_id, channel)
      )`);
    await queryRunner.query(`CREATE INDEX alert_delivery_due ON alert_delivery (next_attempt_at) WHERE status = 'PENDING'`);
    await queryRunner.query(`CREATE INDEX alert_delivery_filter ON alert_delivery (watch_filter_id, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE alert_delivery`);
    await queryRunner.query(`ALTER TABLE watch_filter DROP COLUMN webhook_url, DROP COLUMN webhook_secret, DROP COLUMN email`);
  }
}
