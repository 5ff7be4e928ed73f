import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { ClientIp, CurrentViewer, HubError, UsersOnly } from '@hub/platform';
import { isHubAdmin } from '../shared/actor';
import { ApiKeyCreatedType, ApiKeyType, toApiKeyType } from './api-key.type';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyInput } from './dto/api-key.inputs';

/** Keys are managed by people, not by other keys. */
@UsersOnly()
@Resolver(() => ApiKeyType)
export class ApiKeysResolver {
  constructor(private readonly keys: ApiKeysService) {}

  @Query(() => [ApiKeyType], { description: 'The API keys of your organisation (an admin may name another organisation), newest first' })
  async apiKeys(
    @CurrentViewer() viewer: MemberViewer,
    @Args('organizationId', { type: () => ID, nullable: true }) organizationId?: string,
    @Args('includeRevoked', { type: () => Boolean, nullable: true, defaultValue: false }) includeRevoked?: boolean,
  ): Promise<ApiKeyType[]> {
    const target = organizationId ?? viewer.organizationId;
    if (target !== viewer.organizationId && !isHubAdmin(viewer)) throw HubError.forbidden('You may list the keys of your own organisation only');
    return (await this.keys.listForOrganization(target, includeRevoked ?? false)).map((key) => toApiKeyType(key));
  }

  @Mutation(() => ApiKeyCreatedType, { description: 'A key for your organisation that acts with your role; the key is shown only in this answer' })
  async createApiKey(
    @CurrentViewer() viewer: MemberViewer,
    @ClientIp() ip: string | undefined,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<ApiKeyCreatedType> {
    const created = await this.keys.create(input, viewer.userId, { viewer, ip });
    return { key: created.key, apiKey: toApiKeyType(created.apiKey) };
  }

  @Mutation(() => Boolean, { description: 'Stops a key of your organisation at once (admins: any key); true also when it was already revoked' })
  async revokeApiKey(@CurrentViewer() viewer: MemberViewer, @ClientIp() ip: string | undefined, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    return this.keys.revoke(id, { viewer, ip });
  }
}
