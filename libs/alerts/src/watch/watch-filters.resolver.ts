import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { CurrentViewer, UsersOnly } from '@hub/platform';
import { TlpLevel } from '@hub/sharing';
import { AlertDeliveries } from '../delivery/alert-deliveries.service';
import { CreateWatchFilterInput, DeliveryChannelValue, DeliveryStatusValue, WatchFilterDeliveryModel, WatchFilterModel } from './dto/watch-filter.types';
import { WatchFilter, WatchFiltersService } from './watch-filters.service';

/** Watch filters belong to people: alerts follow what their owner, not a key, may read. */
@UsersOnly()
@Resolver(() => WatchFilterModel)
export class WatchFiltersResolver {
  constructor(
    private readonly watchFiltersService: WatchFiltersService,
    private readonly webhooks: AlertDeliveries,
  ) {}

  @Query(() => [WatchFilterModel], { description: 'Your watch filters, oldest first' })
  async watchFilters(@CurrentViewer() viewer: MemberViewer): Promise<WatchFilterModel[]> {
    return (await this.watchFiltersService.list(viewer)).map(toWatchFilterModel);
  }

  @Mutation(() => WatchFilterModel, { description: 'Saves a watch filter; from now on, every new object or version you may read that matches raises an alert' })
  async createWatchFilter(@CurrentViewer() viewer: MemberViewer, @Args('input') input: CreateWatchFilterInput): Promise<WatchFilterModel> {
    return toWatchFilterModel(await this.watchFiltersService.create(viewer, input));
  }

  @Query(() => [WatchFilterDeliveryModel], { description: 'The webhook and e-mail deliveries of one of your watch filters, newest first; failedOnly: those that failed (given up or waiting for a retry)' })
  async watchFilterDeliveries(
    @CurrentViewer() viewer: MemberViewer,
    @Args('filterId', { type: () => ID }) filterId: string,
    @Args('failedOnly', { type: () => Boolean, nullable: true, defaultValue: false }) failedOnly: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<WatchFilterDeliveryModel[]> {
    const deliveries = await this.webhooks.list(viewer, filterId, { failedOnly, first: first ?? 50 });
    return deliveries.map((delivery) => ({ ...delivery, channel: delivery.channel as DeliveryChannelValue, status: delivery.status as DeliveryStatusValue }));
  }

  @Mutation(() => Boolean, { description: 'Deletes one of your watch filters and its alerts' })
  async deleteWatchFilter(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.watchFiltersService.delete(viewer, id);
  }
}

function toWatchFilterModel(filter: WatchFilter): WatchFilterModel {
  return { ...filter, criteria: { ...filter.criteria, tlp: filter.criteria.tlp as TlpLevel[] } };
}
