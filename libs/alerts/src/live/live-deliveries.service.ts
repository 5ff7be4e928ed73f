import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HUB_LOGGER, HubEventBus } from '@hub/platform';
import { FeedService, ObjectFilter, RestrictedReadAudit, StixObjectModel, toStixObjectModel } from '@hub/sharing';
import type { Logger } from 'pino';
import { AlertsService } from '../inbox/alerts.service';
import { AlertModel } from '../inbox/dto/alert.types';
import { toAlertModel } from '../inbox/to-alert-model';
import { LiveDispatcher } from './live-dispatcher';
import { LiveFeed } from './live-feed';
import { SubscriberConnection } from './subscriber-connection';
import { SubscriberConnections } from './subscriber-connections.service';

// Row keys and alert ids are bigints as text; anything else on the bus is not the hub's.
const ROW_KEY = /^[1-9][0-9]{0,17}$/;

export function rowKeysOf(keys: unknown): string[] {
  return Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string' && ROW_KEY.test(key)) : [];
}

/**
 * The live subscriptions of this replica: objectAdded and alertRaised. Each replica hears every
 * event of the bus once (its own too) and delivers it to the subscribers connected to it.
 */
@Injectable()
export class LiveDeliveries implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly objects: LiveDispatcher<StixObjectModel>;
  private readonly alerts: LiveDispatcher<AlertModel>;
  private readonly stopListening: (() => void)[] = [];

  constructor(
    private readonly feed: FeedService,
    private readonly readAudit: RestrictedReadAudit,
    private readonly alertsService: AlertsService,
    private readonly events: HubEventBus,
    connections: SubscriberConnections,
    @Inject(HUB_LOGGER) logger: Logger,
  ) {
    this.objects = new LiveDispatcher(connections, logger);
    this.alerts = new LiveDispatcher(connections, logger);
  }

  onApplicationBootstrap(): void {
    this.stopListening.push(
      this.events.subscribe('object.added', (message) => this.objects.add(rowKeysOf(message.pks))),
      this.events.subscribe('alert.raised', (message) => this.alerts.add(rowKeysOf(message.alertIds))),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const stop of this.stopListening.splice(0)) stop();
    await Promise.all([this.objects.idle(), this.alerts.idle()]);
  }

  /** Each new object or version that matches the filter and that the connection's viewer may read when it is delivered. */
  objectsAdded(connection: SubscriberConnection, filter: ObjectFilter): LiveFeed<StixObjectModel> {
    return this.objects.subscribe(connection, JSON.stringify(filter), async (viewer, pks, deliveries) => {
      const rows = await this.feed.findAdded(viewer, filter, pks);
      await this.readAudit.record(viewer, rows, connection.ip, deliveries);
      return rows.map(toStixObjectModel);
    });
  }

  /** Each alert raised for the connection's person, still readable when it is delivered. */
  alertsRaised(connection: SubscriberConnection): LiveFeed<AlertModel> {
    return this.alerts.subscribe(connection, 'alerts', async (viewer, alertIds, deliveries) => {
      const alerts = await this.alertsService.raised(viewer, alertIds);
      await this.readAudit.record(viewer, alerts.map((alert) => alert.object), connection.ip, deliveries);
      return alerts.map(toAlertModel);
    });
  }
}
