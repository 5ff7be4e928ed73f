import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { OrganizationEntity } from '../organizations/organization.entity';
import type { Actor } from '../shared/actor';
import { isUniqueViolation } from '../shared/database-errors';
import { parseId, parseInput } from '../shared/input-validation';
import { createSharingGroupSchema, organizationIdsSchema, updateSharingGroupSchema } from './dto/sharing-group.inputs';
import { SharingGroupEntity } from './sharing-group.entity';

const NAME_TAKEN = { path: 'name', message: 'is already used by another sharing group' };

/**
 * Sharing groups are never deleted: objects already shared name them as their audience, and a
 * group that vanished would leave those audiences unexplained. Remove its members instead.
 */
@Injectable()
export class SharingGroupsService {
  constructor(
    @InjectRepository(SharingGroupEntity) private readonly groups: Repository<SharingGroupEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: unknown, actor: Actor): Promise<SharingGroupEntity> {
    const fields = parseInput(createSharingGroupSchema, input);
    const organizationIds = [...new Set(fields.organizationIds)];
    try {
      const id = await this.dataSource.transaction(async (manager) => {
        await this.assertOrganizationsExist(manager, organizationIds, 'organizationIds');
        const group = await manager.save(manager.create(SharingGroupEntity, { name: fields.name, description: fields.description || null, organizations: [] }));
        await this.insertMembers(manager, group.id, organizationIds);
        await this.audit.record(
          { action: 'sharing_group.create', viewer: actor.viewer, ip: actor.ip, targetType: 'sharing_group', targetId: group.id, details: { name: group.name, organizationIds } },
          manager,
        );
        return group.id;
      });
      return this.findOrFail(id);
    } catch (error) {
      if (isUniqueViolation(error, 'sharing_group_name_key')) throw HubError.badInput('A sharing group with this name already exists', [NAME_TAKEN]);
      throw error;
    }
  }

  async update(id: string, input: unknown, actor: Actor): Promise<SharingGroupEntity> {
    const groupId = parseId(id);
    const fields = parseInput(updateSharingGroupSchema, input);
    try {
      await this.dataSource.transaction(async (manager) => {
        const group = await this.lockedOrFail(manager, groupId);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        if (fields.name && fields.name !== group.name) changes.name = { from: group.name, to: fields.name };
        if (fields.description !== undefined && fields.description !== null && (fields.description || null) !== group.description) {
          changes.description = { from: group.description, to: fields.description || null };
        }
        if (!Object.keys(changes).length) return;
        await manager.update(SharingGroupEntity, { id: groupId }, Object.fromEntries(Object.entries(changes).map(([field, change]) => [field, change.to])));
        await this.audit.record(
          { action: 'sharing_group.update', viewer: actor.viewer, ip: actor.ip, targetType: 'sharing_group', targetId: groupId, details: { changes } },
          manager,
        );
      });
      return this.findOrFail(groupId);
    } catch (error) {
      if (isUniqueViolation(error, 'sharing_group_name_key')) throw HubError.badInput('A sharing group with this name already exists', [NAME_TAKEN]);
      throw error;
    }
  }

  /** Members added here read the group's AMBER objects from their next request on. */
  async addMembers(id: string, organizationIdsInput: unknown, actor: Actor): Promise<SharingGroupEntity> {
    const groupId = parseId(id);
    const organizationIds = [...new Set(parseInput(organizationIdsSchema, organizationIdsInput, 'organizationIds'))];
    await this.dataSource.transaction(async (manager) => {
      await this.lockedOrFail(manager, groupId);
      await this.assertOrganizationsExist(manager, organizationIds, 'organizationIds');
      const added = await this.insertMembers(manager, groupId, organizationIds);
      if (!added.length) return;
      await this.audit.record(
        { action: 'sharing_group.members_add', viewer: actor.viewer, ip: actor.ip, targetType: 'sharing_group', targetId: groupId, details: { organizationIds: added } },
        manager,
      );
    });
    return this.findOrFail(groupId);
  }

  async removeMembers(id: string, organizationIdsInput: unknown, actor: Actor): Promise<SharingGroupEntity> {
    const groupId = parseId(id);
    const organizationIds = [...new Set(parseInput(organizationIdsSchema, organizationIdsInput, 'organizationIds'))];
    await this.dataSource.transaction(async (manager) => {
      await this.lockedOrFail(manager, groupId);
      const removed = (await manager.query(
        'DELETE FROM sharing_group_member WHERE sharing_group_id = $1 AND organization_id = ANY($2::uuid[]) RETURNING organization_id',
        [groupId, organizationIds],
      )) as [{ organization_id: string }[], number];
      const removedIds = removed[0].map((row) => row.organization_id);
      if (!removedIds.length) return;
      await this.audit.record(
        { action: 'sharing_group.members_remove', viewer: actor.viewer, ip: actor.ip, targetType: 'sharing_group', targetId: groupId, details: { organizationIds: removedIds } },
        manager,
      );
    });
    return this.findOrFail(groupId);
  }

  async list(): Promise<SharingGroupEntity[]> {
    return this.groups.find({ relations: { organizations: true }, order: { name: 'ASC' } });
  }

  async findById(id: string): Promise<SharingGroupEntity | null> {
    return this.groups.findOne({ where: { id: parseId(id) }, relations: { organizations: true } });
  }

  private async findOrFail(id: string): Promise<SharingGroupEntity> {
    const group = await this.findById(id);
    if (!group) throw HubError.notFound('No sharing group has this id');
    return group;
  }

  private async lockedOrFail(manager: EntityManager, id: string): Promise<SharingGroupEntity> {
    const group = await manager.findOne(SharingGroupEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!group) throw HubError.notFound('No sharing group has this id');
    return group;
  }

  private async assertOrganizationsExist(manager: EntityManager, ids: string[], path: string): Promise<void> {
    if (!ids.length) return;
    const found = new Set((await manager.findBy(OrganizationEntity, { id: In(ids) })).map((organization) => organization.id));
    const issues = ids.flatMap((id, index) => (found.has(id) ? [] : [{ path: `${path}.${index}`, message: 'is not the id of an organisation' }]));
    if (issues.length) throw HubError.badInput('Some organisations do not exist', issues);
  }

  /** Returns the organisations that were not members yet. */
  private async insertMembers(manager: EntityManager, groupId: string, organizationIds: string[]): Promise<string[]> {
    if (!organizationIds.length) return [];
    const rows = (await manager.query(
      `INSERT INTO sharing_group_member (sharing_group_id, organization_id)
       SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING RETURNING organization_id`,
      [groupId, organizationIds],
    )) as { organization_id: string }[];
    return rows.map((row) => row.organization_id);
  }
}
