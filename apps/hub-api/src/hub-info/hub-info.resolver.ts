import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { HUB_VERSION, Public } from '@hub/platform';

@ObjectType({ description: 'What this hub is and which standards it speaks' })
export class HubInfo {
  @Field()
  name: string;

  @Field()
  version: string;

  @Field()
  stixVersion: string;

  @Field()
  taxiiVersion: string;
}

@Resolver(() => HubInfo)
export class HubInfoResolver {
  @Public()
  @Query(() => HubInfo, { description: 'Public: the hub name and versions, for clients to check compatibility' })
  hubInfo(): HubInfo {
    return { name: 'Healthcare ISAC threat-sharing hub', version: HUB_VERSION, stixVersion: '2.1', taxiiVersion: '2.1' };
  }
}
