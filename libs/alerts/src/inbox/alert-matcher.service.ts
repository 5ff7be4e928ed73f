import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ViewerService } from '@hub/members';
import { HUB_LOGGER, HubEventBus, HubMetrics } from '@hub/platform';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import type { Logger } from 'pino';
import { DataSource, EntityManager } from 'typeorm';
import { AssetAlerts } from '../assets/asset-alerts';
import { DeliveryRounds } from '../live/delivery-rounds';
import { storedWatchCriteria, WatchCriteria } from '../watch/watch-criteria';
import { watchCriteriaConditions } from '../watch/watch-criteria.sql';

// Stored versions matched per transaction.
const MATCH_BATCH = 1_000;
// Versions left queued (a replica stopped between storing and matching, a missed event) are picked up this often.
const SWEEP_INTERVAL_MS = 30_000;

interface ActiveFilterRow {
  id: string;
  owner_user_id: string;
  criteria: Partial<WatchCriteria>;
}

/**
 * Turns newly stored versions into alerts. The queue (alert_pending) is filled by a trigger in the
 * submission's transaction; every replica hears `object.added` and drains it, and
 * `FOR UPDATE SKIP LOCKED` gives each queued version to exactly one of them. Whether a version
 * matches a filter, and whether the filter's owner may read it, is decided in one INSERT … SELECT;
 * so is whether it mentions an organisation's assets (AssetAlerts).
 */
@Injectable()
export class AlertMatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly rounds: DeliveryRounds;
  private stopListening?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: HubEventBus,
    private readonly viewers: ViewerService,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
    private readonly metrics: HubMetrics,
    private readonly assetAlerts: AssetAlerts,
  ) {
    this.rounds = new DeliveryRounds(
      () => this.drainQueue(),
      (error) => this.logger.error({ err: error }, 'matching new objects against watch filters failed; the next round retries'),
    );
  }

  onApplicationBootstrap(): void {
    this.stopListening = this.events.subscribe('object.added', () => this.schedule());
    this.timer = setInterval(() => this.schedule(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopListening?.();
    clearInterval(this.timer);
    await this.rounds.idle();
  }

  /** Drains the queue soon; calls while a drain runs are gathered into one more drain. */
  schedule(): void {
    this.rounds.add(['queue']);
  }

  /** Resolves once every drain asked for so far has run (for tests and shutdown). */
  idle(): Promise<void> {
    return this.rounds.idle();
  }

  private async drainQueue(): Promise<void> {
    for (;;) {
      const { matched, alertIds } = await this.dataSource.transaction((manager) => this.matchBatch(manager));
      await this.raised(alertIds);
      if (matched < MATCH_BATCH) break;
    }
    // Entries added to organisations' asset lists, against what was stored before them (a transaction
    // only when some are due: this runs after every submission).
    if (!(await this.assetAlerts.recheckDue())) return;
    for (;;) {
      const { alertIds, more } = await this.dataSource.transaction((manager) => this.assetAlerts.recheckPendingEntries(manager));
      await this.raised(alertIds);
      if (!more) return;
    }
  }

  private async raised(alertIds: string[]): Promise<void> {
    this.metrics.alertsDelivered.inc({}, alertIds.length);
    if (alertIds.length) await this.events.publish('alert.raised', { alertIds });
  }

  private async matchBatch(manager: EntityManager): Promise<{ matched: number; alertIds: string[] }> {
    const queued: { object_pk: string }[] = await manager.query(
      `SELECT object_pk FROM alert_pending ORDER BY object_pk LIMIT ${MATCH_BATCH} FOR UPDATE SKIP LOCKED`,
    );
    if (!queued.length) return { matched: 0, alertIds: [] };
    const pks = queued.map((row) => row.object_pk);
    const filters: ActiveFilterRow[] = await manager.query(`SELECT id, owner_user_id, criteria FROM watch_filter WHERE active ORDER BY id`);
    // Who each owner is now (organisation, kind, groups), as for a request; deactivated owners get no alerts.
    const owners = await this.viewers.activeUserViewers([...new Set(filters.map((filter) => filter.owner_user_id))]);
    const alertIds: string[] = [];
    for (const filter of filters) {
      const owner = owners.get(filter.owner_user_id);
      if (!owner) continue;
      const params = new SqlParams();
      const conditions = [
        `o.pk = ANY(${params.bind(pks)}::bigint[])`,
        // The same rule as every read: the owner may read the version and everything it stands on.
        readableObjectsWhere(owner, {}, params),
        ...watchCriteriaConditions(storedWatchCriteria(filter.criteria), owner, params),
      ];
      const raised: { id: string }[] = await manager.query(
        `INSERT INTO alert (user_id, watch_filter_id, object_pk, object_id)
         SELECT ${params.bind(owner.userId)}::uuid, ${params.bind(filter.id)}::uuid, o.pk, o.id FROM stix_object o
          WHERE ${conditions.join('\n AND ')}
         ORDER BY o.pk
         ON CONFLICT (watch_filter_id, object_pk) DO NOTHING
         RETURNING id`,
        params.values,
      );
      alertIds.push(...raised.map((row) => String(row.id)));
    }
    // Organisation assets: the same queue and transaction, so every ingest path is covered once.
    alertIds.push(...(await this.assetAlerts.raiseForVersions(manager, pks)));
    if (alertIds.length) {
      // Queued in the same transaction as the alerts, so no alert of a filter with a webhook goes unsent.
      await manager.query(
        `INSERT INTO alert_delivery (alert_id, watch_filter_id, channel)
         SELECT a.id, a.watch_filter_id, c.channel FROM alert a JOIN watch_filter f ON f.id = a.watch_filter_id
          CROSS JOIN LATERAL (VALUES ('WEBHOOK', f.webhook_url IS NOT NULL), ('EMAIL', f.email)) AS c (channel, wanted)
          WHERE a.id = ANY($1::bigint[]) AND c.wanted
         ON CONFLICT (alert_id, channel) DO NOTHING`,
        [alertIds],
      );
    }
    await manager.query(`DELETE FROM alert_pending WHERE object_pk = ANY($1::bigint[])`, [pks]);
    return { matched: queued.length, alertIds };
  }
}
