import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import { HUB_CONFIG, HUB_LOGGER, HubError, HubEventBus } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { RestrictedReadAudit, toStixObjectModel } from '@hub/sharing';
import nodemailer, { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { Alert, AlertsService } from '../inbox/alerts.service';
import { DeliveryRounds } from '../live/delivery-rounds';
import { alertEmail } from './alert-email';
import { retryDelayMs } from './retry-delay';
import { postWebhook, WebhookPolicy, webhookSignature } from './webhook';

// Deliveries sent at once by one replica.
const CLAIM_BATCH = 10;
// A claimed delivery is the claimer's for this long (longer than a send may take); then another replica may retry it.
const LEASE_SECONDS = 60;
// Retries come due without an event; each replica looks for them this often (or at the retry base, if shorter).
const POLL_INTERVAL_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_DELIVERIES_PAGE = 500;

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';
export type DeliveryChannel = 'WEBHOOK' | 'EMAIL';

export interface AlertDelivery {
  id: string;
  alertId: string;
  channel: DeliveryChannel;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

interface ClaimedRow {
  id: string;
  alert_id: string;
  channel: DeliveryChannel;
  attempts: number;
  owner_user_id: string;
  owner_email: string;
  webhook_url: string | null;
  webhook_secret: string | null;
  email: boolean;
}

type Outcome = { ok: true } | { ok: false; error: string };

/**
 * Sends each alert of a watch filter with a webhook to its URL, and by e-mail (a summary without
 * AMBER or RED content) to its owner when the filter asks for it. Rows of alert_delivery are claimed
 * with FOR UPDATE SKIP LOCKED, so the replicas share the work and each attempt is made by one.
 * What is sent is read when it is sent, under the owner's rules of that moment (the same SQL as
 * `alerts`; a webhook's content under those of an INTERNAL key of the owner's organisation): if the
 * owner may no longer read the object, nothing leaves the hub.
 */
@Injectable()
export class AlertDeliveries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly rounds: DeliveryRounds;
  private readonly policy: WebhookPolicy;
  private readonly mailer?: Transporter;
  private stopListening?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly viewers: ViewerService,
    private readonly readAudit: RestrictedReadAudit,
    private readonly events: HubEventBus,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {
    this.policy = { allowHttp: config.webhookAllowHttp, allowPrivate: config.webhookAllowPrivate };
    const smtp = config.smtp;
    this.mailer = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.tls === 'tls',
          requireTLS: smtp.tls === 'starttls',
          ignoreTLS: smtp.tls === 'off',
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
          // Every step bounded, so that a send ends well within its lease (see stillOurs).
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 10_000,
        })
      : undefined;
    this.rounds = new DeliveryRounds(
      () => this.drain(),
      (error) => this.logger.error({ err: error }, 'sending watch-filter webhooks failed; the next round retries'),
    );
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.events.subscribe('alert.raised', () => this.schedule());
    this.timer = setInterval(() => this.schedule(), Math.min(POLL_INTERVAL_MS, this.config.deliveryRetryBaseMs));
    this.timer.unref();
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    clearInterval(this.timer);
    await this.rounds.idle();
    this.mailer?.close();
  }

  schedule(): void {
    this.rounds.add(['due']);
  }

  /** The deliveries of one of the owner's watch filters, newest first; NOT_FOUND for another person's filter. */
  async list(owner: MemberViewer, filterId: string, options: { failedOnly: boolean; first: number }): Promise<AlertDelivery[]> {
    if (!UUID.test(filterId)) throw HubError.badInput('Not a watch filter id', [{ path: 'filterId', message: `"${filterId}" is not an id (a UUID)` }]);
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > MAX_DELIVERIES_PAGE) {
      throw HubError.badInput(`first must be between 1 and ${MAX_DELIVERIES_PAGE}`, [{ path: 'first', message: `must be between 1 and ${MAX_DELIVERIES_PAGE} (got ${options.first})` }]);
    }
    const [filter] = await this.dataSource.query(`SELECT 1 FROM watch_filter WHERE id = $1 AND owner_user_id = $2`, [filterId, owner.userId]);
    if (!filter) throw HubError.notFound(`You have no watch filter with the id ${filterId}`);
    // WITHHELD rows (the owner lost access before the send) are not listed: they would tell of an object the owner may not read.
    const rows: {
      id: string;
      alert_id: string;
      channel: DeliveryChannel;
      status: DeliveryStatus;
      attempts: number;
      last_error: string | null;
      next_attempt_at: Date;
      created_at: Date;
      delivered_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT id, alert_id, channel, status, attempts, last_error, next_attempt_at, created_at, delivered_at
         FROM alert_delivery
        WHERE watch_filter_id = $1 AND status <> 'WITHHELD' ${options.failedOnly ? `AND (status = 'FAILED' OR (status = 'PENDING' AND last_error IS NOT NULL))` : ''}
        ORDER BY id DESC LIMIT $2`,
      [filterId, options.first],
    );
    return rows.map((row) => ({
      id: String(row.id),
      alertId: String(row.alert_id),
      channel: row.channel,
      status: row.status,
      attempts: row.attempts,
      lastError: row.last_error,
      nextAttemptAt: row.status === 'PENDING' ? row.next_attempt_at : null,
      createdAt: row.created_at,
      deliveredAt: row.delivered_at,
    }));
  }

  /** Resolves once every round asked for so far has run (for tests and shutdown). */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  private async drain(): Promise<void> {
    for (;;) {
      // An UPDATE answers [rows, affected count] through TypeORM.
      const [claimed] = (await this.dataSource.query(
        `UPDATE alert_delivery d
            SET attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
           FROM watch_filter f, hub_user u
          WHERE d.id IN (SELECT id FROM alert_delivery
                          WHERE status = 'PENDING' AND next_attempt_at <= now()
                          ORDER BY next_attempt_at, id LIMIT ${CLAIM_BATCH} FOR UPDATE SKIP LOCKED)
            AND f.id = d.watch_filter_id AND u.id = f.owner_user_id
        RETURNING d.id, d.alert_id, d.channel, d.attempts, f.owner_user_id, u.email AS owner_email, f.webhook_url, f.webhook_secret, f.email`,
      )) as [ClaimedRow[], number];
      if (!claimed.length) return;
      await Promise.all(claimed.map((row) => this.deliver(row)));
      if (claimed.length < CLAIM_BATCH) return;
    }
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    // The filter no longer asks for this channel (or the operator turned e-mail off): nothing to send.
    const wanted = row.channel === 'WEBHOOK' ? Boolean(row.webhook_url && row.webhook_secret) : row.email && this.mailer !== undefined && this.config.publicUrl !== undefined;
    if (!wanted) return this.finish(row, 'WITHHELD');
    // The owner as they are now; a deactivated owner (or organisation) gets nothing sent.
    const owner = (await this.viewers.activeUserViewers([row.owner_user_id])).get(row.owner_user_id);
    const [alert] = owner ? await this.alerts.raised(owner, [String(row.alert_id)]) : [];
    if (!owner || !alert) return this.finish(row, 'WITHHELD');
    const outcome = row.channel === 'WEBHOOK' ? await this.sendWebhook(row, owner, alert) : await this.sendEmail(row, alert);
    if (!outcome) return;
    if (outcome.ok) return this.finish(row, 'DELIVERED');
    if (row.attempts >= this.config.deliveryMaxAttempts) return this.finish(row, 'FAILED', outcome.error);
    const delay = retryDelayMs(row.attempts, this.config.deliveryRetryBaseMs);
    await this.dataSource.query(
      `UPDATE alert_delivery SET last_error = $3, next_attempt_at = now() + make_interval(secs => $4) WHERE id = $1 AND attempts = $2 AND status = 'PENDING'`,
      [row.id, row.attempts, outcome.error, delay / 1000],
    );
  }

  /**
   * Renews this attempt's lease just before it sends, and says whether the attempt is still this
   * replica's: when reading and auditing took longer than the lease, another replica may have claimed
   * the row again (attempts moved on) or finished it, and then this one must not send it too. A send
   * is bounded well within the lease (webhooks by their deadline, e-mail by the SMTP timeouts).
   */
  private async stillOurs(row: ClaimedRow): Promise<boolean> {
    const [renewed] = (await this.dataSource.query(
      `UPDATE alert_delivery SET next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
        WHERE id = $1 AND attempts = $2 AND status = 'PENDING' RETURNING id`,
      [row.id, row.attempts],
    )) as [{ id: string }[], number];
    return renewed.length === 1;
  }

  /**
   * A webhook is machine delivery, so its content is read (in SQL, with the same rules as `alerts`)
   * under the rights of an INTERNAL key of the owner's organisation: RED, and what only a person is
   * named for, never goes to a URL. The owner may still read such an alert (read above as a person):
   * the receiver then gets only a notice like the e-mail's, without the object's id or content.
   */
  private async sendWebhook(row: ClaimedRow, owner: MemberViewer, personal: Alert): Promise<Outcome | undefined> {
    // Before the read audit too: nothing is recorded as read for a send this replica will not make.
    if (!(await this.stillOurs(row))) return undefined;
    const [alert] = await this.alerts.raised(webhookReader(owner), [String(row.alert_id)]);
    if (alert) {
      // Like every read of AMBER and RED, written (as the owner's read) before the content leaves.
      await this.readAudit.record(owner, [alert.object], undefined);
    }
    const body = JSON.stringify(alert ? webhookBody(alert) : webhookNotice(personal, this.config.publicUrl));
    const timestamp = String(Math.floor(Date.now() / 1000));
    const outcome = await postWebhook(
      row.webhook_url!,
      body,
      {
        'x-hub-event': 'alert',
        'x-hub-delivery': String(row.id),
        'x-hub-timestamp': timestamp,
        'x-hub-signature-256': webhookSignature(row.webhook_secret!, timestamp, body),
      },
      this.policy,
    );
    // The owner sees only the category (outcome.error); what exactly failed is for the operator.
    if (!outcome.ok) this.logger.warn({ deliveryId: String(row.id), watchFilterOwner: row.owner_user_id, detail: outcome.detail }, 'a watch-filter webhook was not delivered');
    return outcome;
  }

  /** To the owner's sign-in address as it is now; no AMBER or RED content (alert-email.ts), so no read to audit. */
  private async sendEmail(row: ClaimedRow, alert: Alert): Promise<Outcome | undefined> {
    const object = toStixObjectModel(alert.object);
    const mail = alertEmail(
      { watchFilterName: alert.watchFilterName, objectId: object.id, type: object.type, tlp: object.tlp, name: (object.stix as { name?: unknown }).name },
      this.config.publicUrl!,
    );
    if (!(await this.stillOurs(row))) return undefined;
    try {
      await this.mailer!.sendMail({ from: this.config.smtp!.from, to: row.owner_email, subject: mail.subject, text: mail.text });
      return { ok: true };
    } catch (error) {
      return { ok: false, error: `the SMTP server refused or could not be reached: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
    }
  }

  /** Only the attempt that holds the row ends it: a replica whose lease ran out changes nothing of a newer attempt. */
  private async finish(row: ClaimedRow, status: 'DELIVERED' | 'FAILED' | 'WITHHELD', error?: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_delivery SET status = $3, last_error = CASE WHEN $3 = 'DELIVERED' THEN last_error ELSE $4 END,
              delivered_at = CASE WHEN $3 = 'DELIVERED' THEN now() END
        WHERE id = $1 AND attempts = $2 AND status = 'PENDING'`,
      [row.id, row.attempts, status, error ?? null],
    );
  }
}

/** Whom a webhook's content is read for: an INTERNAL key of the owner's organisation (as TAXII reads for a person, taxiiReader). */
function webhookReader(owner: MemberViewer): MemberViewer {
  return { ...owner, kind: 'key', keyDistribution: 'INTERNAL' };
}

/** What a receiver gets of an alert the owner may read but a key may not (RED): that one matched, its marking, where to read it. */
function webhookNotice(alert: Alert, publicUrl: string | undefined): unknown {
  const { tlp } = toStixObjectModel(alert.object);
  return { event: 'alert', filter: alert.watchFilterName, tlp, ...(publicUrl ? { link: `${publicUrl}/alerts` } : {}) };
}

/** What a receiver gets: the alert and the object as an INTERNAL key of its owner's organisation may read it now (references dropped, pseudonymous sources kept so). */
function webhookBody(alert: Alert): unknown {
  const object = toStixObjectModel(alert.object);
  return {
    alert: { id: alert.id, watchFilterId: alert.watchFilterId, watchFilterName: alert.watchFilterName, createdAt: alert.createdAt },
    object: {
      id: object.id,
      type: object.type,
      tlp: object.tlp,
      created: object.created,
      modified: object.modified,
      revoked: object.revoked,
      labels: object.labels,
      source: object.source,
      stix: object.stix,
    },
  };
}
