import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@hub/access';
import { AdminOnly, ClientIp, CurrentViewer } from '@hub/platform';
import { isHubAdmin } from '../shared/actor';
import { CreateOrganizationInput, OrganizationFilterInput, UpdateOrganizationInput } from './dto/organization.inputs';
import { OrganizationsService } from './organizations.service';
import { OrganizationType, toOrganizationType } from './organization.type';

@Resolver(() => OrganizationType)
export class OrganizationsResolver {
  constructor(private readonly service: OrganizationsService) {}

  @Query(() => [OrganizationType], {
    description: 'Member organisations by name, to choose recipients. Admins also see deactivated ones.',
  })
  async organizations(
    @CurrentViewer() viewer: Viewer,
    @Args('filter', { type: () => OrganizationFilterInput, nullable: true }) filter?: OrganizationFilterInput,
  ): Promise<OrganizationType[]> {
    return (await this.service.list(filter, isHubAdmin(viewer))).map(toOrganizationType);
  }

  @Query(() => OrganizationType, { nullable: true, description: 'null when absent (or deactivated, for non-admins)' })
  async organization(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<OrganizationType | null> {
    const organization = await this.service.findById(id);
    if (!organization || (!organization.active && !isHubAdmin(viewer))) return null;
    return toOrganizationType(organization);
  }

  @AdminOnly()
  @Mutation(() => OrganizationType, { description: 'ADMIN: add a member organisation (and its STIX identity)' })
  async createOrganization(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('input') input: CreateOrganizationInput,
  ): Promise<OrganizationType> {
    return toOrganizationType(await this.service.create(input, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => OrganizationType, { description: 'ADMIN: change name, kind, sector or country; a new name or sector makes a new version of its identity' })
  async updateOrganization(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateOrganizationInput,
  ): Promise<OrganizationType> {
    return toOrganizationType(await this.service.update(id, input, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => OrganizationType, { description: 'ADMIN: cut the access of all its users and keys at once' })
  async deactivateOrganization(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<OrganizationType> {
    return toOrganizationType(await this.service.setActive(id, false, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => OrganizationType, { description: 'ADMIN: give its active users and keys their access back' })
  async reactivateOrganization(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<OrganizationType> {
    return toOrganizationType(await this.service.setActive(id, true, { viewer, ip }));
  }
}
