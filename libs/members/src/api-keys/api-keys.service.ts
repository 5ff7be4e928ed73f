import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isMember } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { DataSource, IsNull, Repository } from 'typeorm';
import { isHubAdmin } from '../shared/actor';
import type { Actor } from '../shared/actor';
import { parseId, parseInput } from '../shared/input-validation';
import { UserEntity } from '../users/user.entity';
import { ApiKeyEntity } from './api-key.entity';
import { generateApiKey } from './api-key-format';
import { createApiKeySchema } from './dto/api-key.inputs';

// Recording the last use on every call would write to the key's row on every request; once a minute is enough to see it is alive.
const LAST_USED_PRECISION = '1 minute';

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Makes a key for this person's organisation. The returned `key` exists only in this answer:
   * only its hash is stored.
   */
  async create(input: unknown, creatorUserId: string, actor: Actor): Promise<{ key: string; apiKey: ApiKeyEntity }> {
    const fields = parseInput(createApiKeySchema, input);
    const secret = generateApiKey();
    const id = await this.dataSource.transaction(async (manager) => {
      const creator = await manager.findOne(UserEntity, { where: { id: creatorUserId }, relations: { organization: true } });
      if (!creator || !creator.active || !creator.organization.active) {
        throw HubError.badInput('Keys can only be made for an active user of an active organisation', [{ path: 'user', message: 'is not an active user' }]);
      }
      const apiKey = await manager.save(
        manager.create(ApiKeyEntity, {
          name: fields.name,
          keyHash: secret.hash,
          displayPrefix: secret.displayPrefix,
          distribution: fields.distribution,
          organizationId: creator.organizationId,
          createdByUserId: creator.id,
          expiresAt: fields.expiresAt ?? null,
          lastUsedAt: null,
          revokedAt: null,
          revokedByUserId: null,
        }),
      );
      await this.audit.record(
        {
          action: 'api_key.create',
          viewer: actor.viewer,
          ip: actor.ip,
          targetType: 'api_key',
          targetId: apiKey.id,
          details: {
            name: apiKey.name,
            prefix: apiKey.displayPrefix,
            distribution: apiKey.distribution,
            organizationId: apiKey.organizationId,
            createdByUserId: creator.id,
            expiresAt: apiKey.expiresAt?.toISOString() ?? null,
          },
        },
        manager,
      );
      return apiKey.id;
    });
    return { key: secret.key, apiKey: (await this.findById(id))! };
  }

  /** The keys of one organisation, newest first. */
  async listForOrganization(organizationId: string, includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    return this.keys.find({
      where: { organizationId: parseId(organizationId, 'organizationId'), ...(includeRevoked ? {} : { revokedAt: IsNull() }) },
      relations: { createdBy: true },
      order: { createdAt: 'DESC' },
    });
  }

  async findById(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOne({ where: { id: parseId(id) }, relations: { createdBy: true } });
  }

  /**
   * Any user of the key's organisation may revoke it (revoking is the safe direction, e.g. after a
   * leak), and so may a hub admin. For others the key does not exist. Revoking twice is harmless.
   */
  async revoke(id: string, actor: Actor): Promise<boolean> {
    const keyId = parseId(id);
    const viewer = actor.viewer;
    return this.dataSource.transaction(async (manager) => {
      const apiKey = await manager.findOne(ApiKeyEntity, { where: { id: keyId }, lock: { mode: 'pessimistic_write' } });
      const allowed = apiKey && (!viewer || isHubAdmin(viewer) || (isMember(viewer) && viewer.organizationId === apiKey.organizationId));
      if (!apiKey || !allowed) throw HubError.notFound('No API key has this id');
      if (apiKey.revokedAt) return true;
      await manager.update(ApiKeyEntity, { id: keyId }, { revokedAt: new Date(), revokedByUserId: viewer && isMember(viewer) ? viewer.userId : null });
      await this.audit.record(
        { action: 'api_key.revoke', viewer, ip: actor.ip, targetType: 'api_key', targetId: keyId, details: { prefix: apiKey.displayPrefix, organizationId: apiKey.organizationId } },
        manager,
      );
      return true;
    });
  }

  /** Notes that the key was used (at most one write a minute per key). */
  async touch(keyId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_key SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_PRECISION}')`,
      [keyId],
    );
  }
}
