import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { CurrentViewer, UsersOnly } from '@hub/platform';
import { TlpLevel } from '@hub/sharing';
import { CreateWatchFilterInput, WatchFilterModel } from './dto/watch-filter.types';
import { WatchFilter, WatchFiltersService } from './watch-filters.service';

/** Watch filters belong to people: alerts follow what their owner, not a key, may read. */
@UsersOnly()
@Resolver(() => WatchFilterModel)
export class WatchFiltersResolver {
  constructor(private readonly watchFiltersService: WatchFiltersService) {}

  @Query(() => [WatchFilterModel], { description: 'Your watch filters, oldest first' })
  async watchFilters(@CurrentViewer() viewer: MemberViewer): Promise<WatchFilterModel[]> {
    return (await this.watchFiltersService.list(viewer)).map(toWatchFilterModel);
  }

  @Mutation(() => WatchFilterModel, { description: 'Saves a watch filter; from now on, every new object or version you may read that matches raises an alert' })
  async createWatchFilter(@CurrentViewer() viewer: MemberViewer, @Args('input') input: CreateWatchFilterInput): Promise<WatchFilterModel> {
    return toWatchFilterModel(await this.watchFiltersService.create(viewer, input));
  }

  @Mutation(() => Boolean, { description: 'Deletes one of your watch filters and its alerts' })
  async deleteWatchFilter(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.watchFiltersService.delete(viewer, id);
  }
}

function toWatchFilterModel(filter: WatchFilter): WatchFilterModel {
  return { ...filter, criteria: { ...filter.criteria, tlp: filter.criteria.tlp as TlpLevel[] } };
}
