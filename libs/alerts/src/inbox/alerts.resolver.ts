import { Args, Context, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { ClientIp, CurrentViewer } from '@hub/platform';
import { RestrictedReadAudit } from '@hub/sharing';
import { liveConnectionOf } from '../live/live-context';
import { LiveDeliveries } from '../live/live-deliveries.service';
import type { LiveContext } from '../live/live-transport';
import { AlertsService } from './alerts.service';
import { AlertConnection, AlertModel } from './dto/alert.types';
import { toAlertModel } from './to-alert-model';

const DEFAULT_ALERTS_PAGE = 50;

/**
 * Alerts belong to the person who saved the watch filter; an API key of the same organisation may
 * read and mark them too, under the key's own read rules (see readableAlertsWhere).
 */
@Resolver(() => AlertModel)
export class AlertsResolver {
  constructor(
    private readonly alertsService: AlertsService,
    private readonly live: LiveDeliveries,
    private readonly readAudit: RestrictedReadAudit,
  ) {}

  @Query(() => AlertConnection, { description: 'Your alerts (for an API key: those of its organisation\'s watch filters), newest first; each is shown only while you may still read its object' })
  async alerts(
    @CurrentViewer() viewer: MemberViewer,
    @ClientIp() ip: string | undefined,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<AlertConnection> {
    const page = await this.alertsService.page(viewer, { unreadOnly, first: first ?? DEFAULT_ALERTS_PAGE, after: after ?? undefined });
    await this.readAudit.record(viewer, page.alerts.map((alert) => alert.object), ip);
    const edges = page.alerts.map((alert) => ({ cursor: alert.id, node: toAlertModel(alert) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Mutation(() => Int, { description: 'Marks these alerts of yours read; returns how many of them were unread' })
  async markAlertsRead(@CurrentViewer() viewer: MemberViewer, @Args('ids', { type: () => [ID] }) ids: string[]): Promise<number> {
    return this.alertsService.markRead(viewer, ids);
  }

  @Subscription(() => AlertModel, {
    description: 'Each alert raised for you from now on (the ones raised while you were away are in `alerts`)',
    resolve: (alert: AlertModel) => alert,
  })
  alertRaised(@Context() context: LiveContext): AsyncIterableIterator<AlertModel> {
    return this.live.alertsRaised(liveConnectionOf(context));
  }
}
