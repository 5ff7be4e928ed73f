import { Module } from '@nestjs/common';
import { AuditModule } from '@hub/audit';
import { SharingModule } from '@hub/sharing';
import { AssetAlerts } from './assets/asset-alerts';
import { OrganizationAssetsResolver } from './assets/organization-assets.resolver';
import { OrganizationAssetsService } from './assets/organization-assets.service';
import { AlertDeliveries } from './delivery/alert-deliveries.service';
import { AlertMatcher } from './inbox/alert-matcher.service';
import { AlertsResolver } from './inbox/alerts.resolver';
import { AlertsService } from './inbox/alerts.service';
import { LiveDeliveries } from './live/live-deliveries.service';
import { LiveTransport } from './live/live-transport';
import { ObjectAddedResolver } from './live/object-added.resolver';
import { SubscriberConnections } from './live/subscriber-connections.service';
import { WatchFiltersResolver } from './watch/watch-filters.resolver';
import { WatchFiltersService } from './watch/watch-filters.service';

/**
 * Live subscriptions (objectAdded, alertRaised over graphql-ws), saved watch filters and the alerts
 * they keep. The GraphQL module takes LiveTransport from here for its WebSocket options.
 */
@Module({
  imports: [SharingModule, AuditModule],
  providers: [
    SubscriberConnections,
    LiveTransport,
    LiveDeliveries,
    ObjectAddedResolver,
    WatchFiltersService,
    WatchFiltersResolver,
    AlertsService,
    AlertMatcher,
    AlertsResolver,
    AlertDeliveries,
    AssetAlerts,
    OrganizationAssetsService,
    OrganizationAssetsResolver,
  ],
  exports: [LiveTransport, AlertMatcher, AlertDeliveries],
})
export class AlertsModule {}
