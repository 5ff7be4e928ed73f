import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { AllowedBeforePasswordChange, ClientIp, CurrentViewer, HubError, Public, UsersOnly } from '@hub/platform';
import type { HubGraphqlContext } from '@hub/platform';
import { toUserType, UserType } from '../users/user.type';
import { UsersService } from '../users/users.service';
import { readCredential } from './credential';
import { AuthPayloadType } from './dto/auth-payload.type';
import { HubPassport } from './hub-passport';
import { TokenService } from './token.service';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly passport: HubPassport,
    private readonly tokens: TokenService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @AllowedBeforePasswordChange()
  @Mutation(() => AuthPayloadType, { description: 'Sign in; the token is valid for one hour. Failed attempts are rate limited.' })
  async login(@Context() context: HubGraphqlContext, @Args('email') email: string, @Args('password') password: string): Promise<AuthPayloadType> {
    const user = await this.passport.login(email, password, context.req);
    return { ...this.tokens.issue(user), user: toUserType(user) };
  }

  @AllowedBeforePasswordChange()
  @Query(() => UserType, { description: 'The signed-in person (for an API key: the person who made it)' })
  async me(@CurrentViewer() viewer: MemberViewer): Promise<UserType> {
    const user = await this.users.findById(viewer.userId);
    if (!user) throw HubError.unauthenticated();
    return toUserType(user);
  }

  @UsersOnly()
  @Mutation(() => AuthPayloadType, {
    description: 'Exchange your valid login token (the one this request is signed with) for a fresh one, without the password, up to 12 hours after you signed in',
  })
  async renewToken(@Context() context: HubGraphqlContext, @CurrentViewer() viewer: MemberViewer): Promise<AuthPayloadType> {
    const credential = readCredential(context.req?.headers ?? {});
    if (credential.kind !== 'token') throw HubError.unauthenticated('Sign in with a login token to renew it');
    // The guard has checked the token and that the person and organisation are active; read the person once more for the session version.
    const user = await this.users.findById(viewer.userId);
    if (!user) throw HubError.unauthenticated();
    return { ...this.tokens.renew(credential.token, user), user: toUserType(user) };
  }

  @UsersOnly()
  @AllowedBeforePasswordChange()
  @Mutation(() => AuthPayloadType, { description: 'Change your password (required first when an admin set it); your other tokens stop working, and a new token is returned' })
  async changePassword(
    @CurrentViewer() viewer: MemberViewer,
    @ClientIp() ip: string | undefined,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<AuthPayloadType> {
    const user = await this.users.changeOwnPassword(viewer.userId, currentPassword, newPassword, { viewer, ip });
    return { ...this.tokens.issue(user), user: toUserType(user) };
  }
}
