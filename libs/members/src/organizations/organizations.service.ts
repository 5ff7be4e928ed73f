import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { OrganizationKind } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HubError } from '@hub/platform';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import type { Actor } from '../shared/actor';
import { isUniqueViolation } from '../shared/database-errors';
import { idSchema, parseId, parseInput } from '../shared/input-validation';
import { assertAnotherAdminRemains } from '../shared/last-admin';
import { createOrganizationSchema, organizationFilterSchema, updateOrganizationSchema } from './dto/organization.inputs';
import type { OrganizationFilter } from './dto/organization.inputs';
import { OrganizationEntity } from './organization.entity';
import type { Sector } from './sector';
import { buildOrganizationIdentity, reviseOrganizationIdentity } from './stix-identity';
import type { OrganizationIdentity } from './stix-identity';

/** What other modules need to show the source of an object. */
export interface OrganizationSummary {
  id: string;
  name: string;
  kind: OrganizationKind;
  sector: Sector;
  country: string | null;
  identityId: string;
  identity: OrganizationIdentity;
}

export const OPERATOR_ORGANIZATION = { name: 'Hub operator', kind: 'PRIVATE', sector: 'OTHER' } as const;

const NAME_TAKEN = { path: 'name', message: 'is already used by another organisation' };

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectRepository(OrganizationEntity) private readonly organizations: Repository<OrganizationEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: unknown, actor: Actor): Promise<OrganizationEntity> {
    const fields = parseInput(createOrganizationSchema, input);
    const identity = buildOrganizationIdentity(fields);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organization = await manager.save(
          manager.create(OrganizationEntity, { ...fields, identityId: identity.id, identity, isOperator: false, active: true, deactivatedAt: null }),
        );
        await this.audit.record(
          { action: 'organization.create', viewer: actor.viewer, ip: actor.ip, targetType: 'organization', targetId: organization.id, details: { ...fields } },
          manager,
        );
        return organization;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organization_name_key')) throw HubError.badInput('An organisation with this name already exists', [NAME_TAKEN]);
      throw error;
    }
  }

  async update(id: string, input: unknown, actor: Actor): Promise<OrganizationEntity> {
    const organizationId = parseId(id);
    const fields = parseInput(updateOrganizationSchema, input);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organization = await this.lockedOrFail(manager, organizationId);
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        for (const field of ['name', 'kind', 'sector', 'country', 'size'] as const) {
          const value = fields[field];
          if (value !== undefined && value !== null && value !== organization[field]) {
            changes[field] = { from: organization[field], to: value };
            Object.assign(organization, { [field]: value });
          }
        }
        if (!Object.keys(changes).length) return organization;
        if (changes.name || changes.sector) {
          organization.identity = reviseOrganizationIdentity(organization.identity, organization);
        }
        const saved = await manager.save(organization);
        await this.audit.record(
          { action: 'organization.update', viewer: actor.viewer, ip: actor.ip, targetType: 'organization', targetId: organizationId, details: { changes } },
          manager,
        );
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organization_name_key')) throw HubError.badInput('An organisation with this name already exists', [NAME_TAKEN]);
      throw error;
    }
  }

  /** Deactivation cuts every user and key of the organisation at once: the viewer is loaded per request. */
  async setActive(id: string, active: boolean, actor: Actor): Promise<OrganizationEntity> {
    const organizationId = parseId(id);
    return this.dataSource.transaction(async (manager) => {
      if (!active) {
        await assertAnotherAdminRemains(manager, { organizationId }, 'This organisation holds the last active admin of the hub; make another admin first');
      }
      const organization = await this.lockedOrFail(manager, organizationId);
      if (organization.active === active) return organization;
      organization.active = active;
      organization.deactivatedAt = active ? null : new Date();
      const saved = await manager.save(organization);
      await this.audit.record(
        { action: active ? 'organization.reactivate' : 'organization.deactivate', viewer: actor.viewer, ip: actor.ip, targetType: 'organization', targetId: organizationId },
        manager,
      );
      return saved;
    });
  }

  /** Ordered by name. `includeInactive` is for admins; everyone else sees active organisations only. */
  async list(filterInput: unknown, includeInactive: boolean): Promise<OrganizationEntity[]> {
    const filter: OrganizationFilter = parseInput(organizationFilterSchema, filterInput, 'filter') ?? {};
    const query = this.organizations.createQueryBuilder('o').orderBy('lower(o.name)', 'ASC');
    if (!includeInactive) query.andWhere('o.active');
    else if (filter.active !== undefined && filter.active !== null) query.andWhere('o.active = :active', { active: filter.active });
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.sector) query.andWhere('o.sector = :sector', { sector: filter.sector });
    if (filter.country) query.andWhere('o.country = :country', { country: filter.country });
    if (filter.search) query.andWhere("o.name ILIKE :pattern ESCAPE '\\'", { pattern: `%${escapeLike(filter.search)}%` });
    return query.getMany();
  }

  async findById(id: string): Promise<OrganizationEntity | null> {
    return this.organizations.findOneBy({ id: parseId(id) });
  }

  /** The organisations with these ids (unknown or malformed ids are skipped), for showing sources. */
  async findByIds(ids: string[]): Promise<OrganizationSummary[]> {
    const valid = [...new Set(ids)].filter((id) => idSchema.safeParse(id).success);
    if (!valid.length) return [];
    const rows = await this.organizations.findBy({ id: In(valid) });
    return rows.map(({ id, name, kind, sector, country, identityId, identity }) => ({ id, name, kind, sector, country, identityId, identity }));
  }

  /** For the command line: an id, or an exact name (case-insensitive). */
  async findByIdOrName(reference: string): Promise<OrganizationEntity | null> {
    if (idSchema.safeParse(reference).success) return this.organizations.findOneBy({ id: reference });
    return this.organizations.createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name: reference.trim() }).getOne();
  }

  /** The organisation that runs the hub, made at first start (see FirstAdminBootstrap). */
  async findOrCreateOperator(manager: EntityManager): Promise<OrganizationEntity> {
    const existing = await manager.findOneBy(OrganizationEntity, { isOperator: true });
    if (existing) return existing;
    const identity = buildOrganizationIdentity(OPERATOR_ORGANIZATION);
    const organization = await manager.save(
      manager.create(OrganizationEntity, { ...OPERATOR_ORGANIZATION, country: null, size: null, identityId: identity.id, identity, isOperator: true, active: true, deactivatedAt: null }),
    );
    await this.audit.record(
      { action: 'organization.create', targetType: 'organization', targetId: organization.id, details: { ...OPERATOR_ORGANIZATION, firstStart: true } },
      manager,
    );
    return organization;
  }

  private async lockedOrFail(manager: EntityManager, id: string): Promise<OrganizationEntity> {
    const organization = await manager.findOne(OrganizationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!organization) throw HubError.notFound('No organisation has this id');
    return organization;
  }
}

/** Makes % and _ in user text match themselves in ILIKE. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
