import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ObservableMatchModel, StixObjectModel } from '@hub/sharing';
import { WarninglistHitModel } from './dto/warninglist-hit.types';
import { ObjectFactsLoader } from '../object-facts/object-facts.loader';
import { WarninglistsService } from './warninglists.service';

/**
 * Hits come from the object's own observables, so they are shown with the object to whoever the
 * feed's rules let read it (the parent was fetched under them), and never name another object.
 */
@Resolver(() => StixObjectModel)
export class StixObjectWarninglistResolver {
  constructor(private readonly facts: ObjectFactsLoader) {}

  @ResolveField(() => [WarninglistHitModel], { description: 'The warninglists the observables of this version were on when it was shared' })
  async warninglistHits(@Parent() object: StixObjectModel, @Context() context: object): Promise<WarninglistHitModel[]> {
    if (!object.pk) return [];
    return this.facts.hitsOf(context, object.pk);
  }
}

@Resolver(() => ObservableMatchModel)
export class ObservableMatchWarninglistResolver {
  constructor(private readonly warninglists: WarninglistsService) {}

  @ResolveField(() => [WarninglistHitModel], { description: 'The warninglists the looked-up value is on' })
  warninglistHits(@Parent() match: ObservableMatchModel): WarninglistHitModel[] {
    return this.warninglists.hitsOf(match.type, match.value).map(({ list, action, value }) => ({ list, action, value }));
  }
}
