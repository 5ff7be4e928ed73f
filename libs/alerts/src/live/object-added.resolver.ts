import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { Public } from '@hub/platform';
import { normalizedObservable, ObjectFilterInput, parseObjectFilter, StixObjectModel } from '@hub/sharing';
import { liveConnectionOf } from './live-context';
import { LiveDeliveries } from './live-deliveries.service';
import type { LiveContext } from './live-transport';

@Resolver()
export class ObjectAddedResolver {
  constructor(private readonly live: LiveDeliveries) {}

  // Public like the feed: without a credential a connection hears of CLEAR objects only.
  @Public()
  @Subscription(() => StixObjectModel, {
    description: 'Each new object or version that matches the filter and that you may read when it is delivered',
    resolve: (object: StixObjectModel) => object,
  })
  objectAdded(
    @Context() context: LiveContext,
    @Args('filter', { type: () => ObjectFilterInput, nullable: true }) filterInput?: ObjectFilterInput,
  ): AsyncIterableIterator<StixObjectModel> {
    const filter = parseObjectFilter(filterInput, (type, value) => normalizedObservable(type, value, 'filter.observable.value'));
    return this.live.objectsAdded(liveConnectionOf(context), filter);
  }
}
