import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { ClientIp, CurrentViewer, HubError } from '@hub/platform';
import {
  DeclareInventoryInput,
  ExposureConnection,
  ExposureCounts,
  ExposureModel,
  ExposureStatus,
  InventoryComponentModel,
  InventoryFormat,
  InventoryModel,
  TriageStatus,
  VendorExposure,
} from './dto/exposure.types';
import { ExposuresService, type ExposureRow } from './exposures/exposures.service';
import { InventoriesService, type InventoryRow } from './inventories/inventories.service';

const DEFAULT_EXPOSURES_PAGE = 50;
const DEFAULT_COMPONENTS_PAGE = 100;

/**
 * Inventories and exposures belong to the viewer's organisation (any of its people, or its API keys);
 * nobody else, the hub's admins included, reads them. Others get numbers only: sector counts for focal
 * points and a vendor's count for its own advisories, both suppressed under k.
 */
@Resolver()
export class ExposureResolver {
  constructor(
    private readonly inventoryService: InventoriesService,
    private readonly exposureService: ExposuresService,
    private readonly audit: AuditService,
  ) {}

  @Mutation(() => InventoryModel, { description: 'Declares what your organisation runs; the same name again makes a new version. Matched at once against every advisory your organisation may read' })
  async declareInventory(@CurrentViewer() viewer: MemberViewer, @ClientIp() ip: string | undefined, @Args('input') input: DeclareInventoryInput): Promise<InventoryModel> {
    return toInventoryModel(await this.inventoryService.declare(viewer, input, ip));
  }

  @Query(() => [InventoryModel], { description: "Your organisation's inventories (their current versions)" })
  async inventories(@CurrentViewer() viewer: MemberViewer): Promise<InventoryModel[]> {
    return (await this.inventoryService.list(viewer)).map(toInventoryModel);
  }

  @Query(() => [InventoryModel], { description: 'Every version of one of your inventories, newest first' })
  async inventoryVersions(@CurrentViewer() viewer: MemberViewer, @Args('name') name: string): Promise<InventoryModel[]> {
    return (await this.inventoryService.versions(viewer, name)).map(toInventoryModel);
  }

  @Query(() => [InventoryComponentModel], { description: 'The merged components of one current inventory of yours' })
  async inventoryComponents(
    @CurrentViewer() viewer: MemberViewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number,
  ): Promise<InventoryComponentModel[]> {
    return this.inventoryService.components(viewer, id, first ?? DEFAULT_COMPONENTS_PAGE, offset ?? 0);
  }

  @Mutation(() => InventoryModel, { description: 'Retires the current version: no more matching, its exposures are no longer listed (versions are kept)' })
  async retireInventory(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<InventoryModel> {
    return toInventoryModel(await this.inventoryService.retire(viewer, id));
  }

  @Mutation(() => Boolean, { description: 'Deletes every version of an inventory and its exposures; true when there was one' })
  async deleteInventory(@CurrentViewer() viewer: MemberViewer, @Args('name') name: string): Promise<boolean> {
    return this.inventoryService.delete(viewer, name);
  }

  @Query(() => ExposureConnection, { description: "Advisories that match your organisation's current inventories, newest first" })
  async exposures(
    @CurrentViewer() viewer: MemberViewer,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ExposureConnection> {
    const page = await this.exposureService.page(viewer, first ?? DEFAULT_EXPOSURES_PAGE, after ?? undefined);
    const edges = page.rows.map((row) => ({ cursor: String(row.id), node: toExposureModel(row) }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, totalCount: page.totalCount };
  }

  @Mutation(() => ExposureModel, { description: "Your organisation's verdict on an exposure; it silences its alerts" })
  async triageExposure(
    @CurrentViewer() viewer: MemberViewer,
    @Args('id', { type: () => ID }) id: string,
    @Args('status', { type: () => TriageStatus }) status: TriageStatus,
  ): Promise<ExposureModel> {
    return toExposureModel(await this.exposureService.triage(viewer, id, status));
  }

  @Query(() => ExposureCounts, { description: 'Focal points: organisations found exposed to a vulnerability you may read, per complete week and sector, suppressed under k' })
  async exposureCounts(
    @CurrentViewer() viewer: MemberViewer,
    @ClientIp() ip: string | undefined,
    @Args('vulnerabilityId', { type: () => ID }) vulnerabilityId: string,
    @Args('from') from: Date,
    @Args('to') to: Date,
  ): Promise<ExposureCounts> {
    // Suppression protects each answer; the log shows anyone combining many.
    const buckets = await this.audited('exposure.counts', viewer, ip, { vulnerabilityId, from, to }, () => this.exposureService.sectorCounts(viewer, vulnerabilityId, from, to));
    return { vulnerabilityId, buckets, k: this.exposureService.k };
  }

  @Query(() => VendorExposure, { description: 'For the organisation that published the vulnerability: how many organisations run a product it affects, suppressed under k' })
  async vendorExposure(@CurrentViewer() viewer: MemberViewer, @ClientIp() ip: string | undefined, @Args('vulnerabilityId', { type: () => ID }) vulnerabilityId: string): Promise<VendorExposure> {
    const cell = await this.audited('exposure.vendor_count', viewer, ip, { vulnerabilityId }, () => this.exposureService.vendorCount(viewer, vulnerabilityId));
    return { vulnerabilityId, organizations: cell.count, suppressed: cell.suppressed, k: this.exposureService.k };
  }

  /** Refused questions are logged too: probing ids that are hidden or absent is part of combining many. */
  private async audited<T>(action: string, viewer: MemberViewer, ip: string | undefined, details: Record<string, unknown>, answer: () => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await answer();
    } catch (error) {
      if (error instanceof HubError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
        await this.audit.record({ action, viewer, ip, outcome: 'denied', details: { ...details, reason: error.code } });
      }
      throw error;
    }
    await this.audit.record({ action, viewer, ip, details });
    return result;
  }
}

function toInventoryModel(row: InventoryRow): InventoryModel {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    format: row.format as InventoryFormat,
    componentCount: row.component_count,
    current: row.current,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

function toExposureModel(row: ExposureRow): ExposureModel {
  const silenced = row.status !== null || !['affected', 'conflicting'].includes(row.verdict);
  return {
    id: String(row.id),
    vulnerability: { id: row.vulnerability_id, stix: row.vulnerability_stix },
    component: row.component_version ? `${row.component_name} ${row.component_version}` : row.component_name,
    componentKey: row.component_key,
    inventory: row.inventory_name,
    status: (row.status ?? 'UNTRIAGED') as ExposureStatus,
    verdict: row.verdict,
    silenced,
    matchedBy: row.matched_by,
    matchedAt: row.matched_at,
    triagedAt: row.triaged_at,
  };
}
