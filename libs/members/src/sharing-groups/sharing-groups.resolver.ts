import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { isMember } from '@hub/access';
import type { Viewer } from '@hub/access';
import { AdminOnly, ClientIp, CurrentViewer } from '@hub/platform';
import { isHubAdmin } from '../shared/actor';
import { CreateSharingGroupInput, UpdateSharingGroupInput } from './dto/sharing-group.inputs';
import { SharingGroupEntity } from './sharing-group.entity';
import { SharingGroupType, toSharingGroupType } from './sharing-group.type';
import { SharingGroupsService } from './sharing-groups.service';

/** Everyone may see which groups exist (to address them); only admins and members see who is in one. */
function forViewer(group: SharingGroupEntity, viewer: Viewer): SharingGroupType {
  const admin = isHubAdmin(viewer);
  const member = isMember(viewer) && viewer.sharingGroupIds.includes(group.id);
  return toSharingGroupType(group, admin || member, admin);
}

@Resolver(() => SharingGroupType)
export class SharingGroupsResolver {
  constructor(private readonly groups: SharingGroupsService) {}

  @Query(() => [SharingGroupType], { description: 'Every sharing group, by name' })
  async sharingGroups(@CurrentViewer() viewer: Viewer): Promise<SharingGroupType[]> {
    return (await this.groups.list()).map((group) => forViewer(group, viewer));
  }

  @Query(() => SharingGroupType, { nullable: true })
  async sharingGroup(@CurrentViewer() viewer: Viewer, @Args('id', { type: () => ID }) id: string): Promise<SharingGroupType | null> {
    const group = await this.groups.findById(id);
    return group ? forViewer(group, viewer) : null;
  }

  @AdminOnly()
  @Mutation(() => SharingGroupType, { description: 'ADMIN: a new named set of organisations' })
  async createSharingGroup(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('input') input: CreateSharingGroupInput): Promise<SharingGroupType> {
    return forViewer(await this.groups.create(input, { viewer, ip }), viewer);
  }

  @AdminOnly()
  @Mutation(() => SharingGroupType, { description: 'ADMIN: rename or describe a group' })
  async updateSharingGroup(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateSharingGroupInput,
  ): Promise<SharingGroupType> {
    return forViewer(await this.groups.update(id, input, { viewer, ip }), viewer);
  }

  @AdminOnly()
  @Mutation(() => SharingGroupType, { description: 'ADMIN: new members read the group’s objects from their next request on' })
  async addSharingGroupMembers(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('organizationIds', { type: () => [ID] }) organizationIds: string[],
  ): Promise<SharingGroupType> {
    return forViewer(await this.groups.addMembers(id, organizationIds, { viewer, ip }), viewer);
  }

  @AdminOnly()
  @Mutation(() => SharingGroupType, { description: 'ADMIN: removed members stop reading the group’s objects from their next request on' })
  async removeSharingGroupMembers(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('organizationIds', { type: () => [ID] }) organizationIds: string[],
  ): Promise<SharingGroupType> {
    return forViewer(await this.groups.removeMembers(id, organizationIds, { viewer, ip }), viewer);
  }
}
