import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Role, Viewer } from '@hub/access';
import { AdminOnly, ClientIp, CurrentViewer } from '@hub/platform';
import { RoleEnum } from '../shared/enums';
import { CreateUserInput, UserFilterInput } from './dto/user.inputs';
import { UserConnection, UserType, toUserType } from './user.type';
import { UsersService } from './users.service';
import { SignInLockLifts } from '../auth/login-throttle/sign-in-lock-lifts';

@Resolver(() => UserType)
export class UsersResolver {
  constructor(
    private readonly service: UsersService,
    private readonly lockLifts: SignInLockLifts,
  ) {}

  @AdminOnly()
  @Query(() => UserConnection, { description: 'ADMIN: users ordered by e-mail address' })
  async users(
    @Args('filter', { type: () => UserFilterInput, nullable: true }) filter?: UserFilterInput,
    @Args('first', { type: () => Int, nullable: true, description: 'Page size, 1 to 100 (default 50)' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<UserConnection> {
    const page = await this.service.page(filter, first, after);
    return { ...page, edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toUserType(edge.node) })) };
  }

  @AdminOnly()
  @Query(() => UserType, { nullable: true, description: 'ADMIN: one user, null when absent' })
  async user(@Args('id', { type: () => ID }) id: string): Promise<UserType | null> {
    const user = await this.service.findById(id);
    return user ? toUserType(user) : null;
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: add a person to an organisation; they must change the password at first sign-in' })
  async createUser(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('input') input: CreateUserInput): Promise<UserType> {
    return toUserType(await this.service.create(input, { viewer, ip }, undefined, { mustChangePassword: true }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: takes effect on the next request of the user and of their keys' })
  async changeUserRole(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('role', { type: () => RoleEnum }) role: Role,
  ): Promise<UserType> {
    return toUserType(await this.service.changeRole(id, role, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: correct a user’s e-mail address' })
  async changeUserEmail(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('email') email: string,
  ): Promise<UserType> {
    return toUserType(await this.service.changeEmail(id, email, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: set a new password; the user’s existing tokens stop working, and they must change it at their next sign-in' })
  async resetUserPassword(
    @CurrentViewer() viewer: Viewer,
    @ClientIp() ip: string | undefined,
    @Args('id', { type: () => ID }) id: string,
    @Args('password') password: string,
  ): Promise<UserType> {
    return toUserType(await this.service.resetPassword(id, password, { viewer, ip }, { mustChangePassword: true }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: cut the user’s access and their keys at once' })
  async deactivateUser(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<UserType> {
    return toUserType(await this.service.setActive(id, false, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: let the user sign in again (tokens issued before the deactivation stay invalid)' })
  async reactivateUser(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<UserType> {
    return toUserType(await this.service.setActive(id, true, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => UserType, { description: 'ADMIN: let a person locked out after failed sign-ins try again at once (a password reset does it too)' })
  async liftSignInLock(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<UserType> {
    return toUserType(await this.service.liftSignInLock(id, { viewer, ip }));
  }

  @AdminOnly()
  @Mutation(() => String, { description: 'ADMIN: let sign-ins from an address (IPv6: its /64) be tried again at once; returns the address or /64 lifted' })
  async liftAddressSignInLock(@CurrentViewer() viewer: Viewer, @ClientIp() ip: string | undefined, @Args('address') address: string): Promise<string> {
    return this.lockLifts.liftAddress(address, { viewer, ip });
  }
}
