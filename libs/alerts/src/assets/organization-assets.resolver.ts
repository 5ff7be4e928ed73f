import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { ClientIp, CurrentViewer, Roles, UsersOnly } from '@hub/platform';
import { OrganizationAssetModel, SetOrganizationAssetsInput } from './dto/organization-asset.types';
import { OrganizationAssetsService } from './organization-assets.service';

/**
 * Your organisation's asset list. People only (a key has no use for the list, and a leaked key must
 * not tell what the organisation runs); there is no argument naming an organisation, so nobody
 * (an operator neither) can ask for another's.
 */
@UsersOnly()
@Resolver(() => OrganizationAssetModel)
export class OrganizationAssetsResolver {
  constructor(private readonly assets: OrganizationAssetsService) {}

  @Query(() => [OrganizationAssetModel], { description: "Your organisation's asset list (domains, host names, address ranges and addresses)" })
  async organizationAssets(@CurrentViewer() viewer: MemberViewer): Promise<OrganizationAssetModel[]> {
    return this.assets.list(viewer);
  }

  @Roles('MEMBER', 'ANALYST')
  @Mutation(() => [OrganizationAssetModel], {
    description:
      "Replaces your organisation's asset list (members and analysts). Entries added are checked against what is already shared; your organisation's people are alerted about objects they may read that mention an entry",
  })
  async setOrganizationAssets(
    @CurrentViewer() viewer: MemberViewer,
    @ClientIp() ip: string | undefined,
    @Args('input') input: SetOrganizationAssetsInput,
  ): Promise<OrganizationAssetModel[]> {
    return this.assets.set(viewer, input.entries, ip);
  }
}
