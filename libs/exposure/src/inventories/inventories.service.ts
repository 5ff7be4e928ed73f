import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { componentMatchKeys, type InventoryComponent } from '@hub/exposure-rules';
import { HubError, HubEventBus } from '@hub/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { StoredComponent } from '../matching/exposure-matches';
import { ExposureMatcher } from '../matching/exposure-matcher.service';
import { inventoryNameIssues, readInventory, type InventoryFormatName } from './inventory-input';

export interface InventoryRow {
  id: string;
  name: string;
  version: number;
  format: InventoryFormatName;
  component_count: number;
  current: boolean;
  created_at: Date;
  retired_at: Date | null;
}

export interface ComponentRow {
  key: string;
  name: string;
  version: string | null;
  vendor: string | null;
  model: string | null;
  cpes: string[];
  purls: string[];
  occurrences: number;
}

const INVENTORY_COLUMNS = 'id, name, version, format, component_count, current, created_at, retired_at';
// Components are written in slices so no single statement carries a whole 250,000-component upload.
const INSERT_SLICE = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const MAX_COMPONENTS_PAGE = 1_000;

/**
 * Inventories are the organisation's own: every query names the viewer's organisation in its WHERE
 * clause, whatever the role (an admin of the hub reads none but its own organisation's). An id of
 * another organisation's inventory is answered exactly as an id that does not exist.
 */
@Injectable()
export class InventoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matcher: ExposureMatcher,
    private readonly events: HubEventBus,
    private readonly audit: AuditService,
  ) {}

  /** Reads, stores (a new version when the name exists) and matches an inventory in one transaction. */
  async declare(viewer: MemberViewer, input: { name: string; format: InventoryFormatName; document: string }, ip?: string): Promise<InventoryRow> {
    const nameIssues = inventoryNameIssues(input.name);
    if (nameIssues.length) throw HubError.badInput('The inventory name is not valid', nameIssues);
    const reading = readInventory(input.format, input.document);
    if (!reading.ok) throw HubError.badInput(`The inventory is not valid ${input.format}`, reading.errors);
    const name = input.name.trim();
    const { inventory, alertIds } = await this.dataSource.transaction(async (manager) => {
      // Two uploads of one inventory at once: one becomes version n, the other n + 1.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`inventory:${viewer.organizationId}:${name.toLowerCase()}`]);
      const previous: { id: string; version: number }[] = await manager.query(
        `SELECT id, version FROM inventory WHERE organization_id = $1 AND lower(name) = lower($2) ORDER BY version DESC LIMIT 1`,
        [viewer.organizationId, name],
      );
      await this.retireCurrent(manager, viewer.organizationId, name, false);
      const [inventory]: InventoryRow[] = await manager.query(
        `INSERT INTO inventory (organization_id, name, version, format, document, component_count, declared_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${INVENTORY_COLUMNS}`,
        [viewer.organizationId, name, (previous[0]?.version ?? 0) + 1, input.format, input.document, reading.components.length, viewer.userId],
      );
      const stored = await insertComponents(manager, viewer.organizationId, inventory.id, name.toLowerCase(), reading.components);
      const alertIds = await this.matcher.matchInventory(manager, viewer.organizationId, stored);
      await this.audit.record({ action: 'inventory.declare', viewer, ip, targetType: 'inventory', targetId: inventory.id, details: { version: inventory.version, components: inventory.component_count } }, manager);
      return { inventory, alertIds };
    });
    if (alertIds.length) await this.events.publish('alert.raised', { alertIds });
    return inventory;
  }

  /** The current version of each of the organisation's inventories. */
  async list(viewer: MemberViewer): Promise<InventoryRow[]> {
    return this.dataSource.query(`SELECT ${INVENTORY_COLUMNS} FROM inventory WHERE organization_id = $1 AND current ORDER BY lower(name)`, [viewer.organizationId]);
  }

  /** Every version of one inventory, newest first (retired ones too). */
  async versions(viewer: MemberViewer, name: string): Promise<InventoryRow[]> {
    return this.dataSource.query(`SELECT ${INVENTORY_COLUMNS} FROM inventory WHERE organization_id = $1 AND lower(name) = lower($2) ORDER BY version DESC`, [viewer.organizationId, name.trim()]);
  }

  async components(viewer: MemberViewer, inventoryId: string, first: number, offset: number): Promise<ComponentRow[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_COMPONENTS_PAGE) throw HubError.badInput(`first must be between 1 and ${MAX_COMPONENTS_PAGE}`, [{ path: 'first', message: `must be between 1 and ${MAX_COMPONENTS_PAGE}` }]);
    if (!Number.isInteger(offset) || offset < 0) throw HubError.badInput('offset must not be negative', [{ path: 'offset', message: 'must be 0 or more' }]);
    if (!UUID.test(inventoryId)) return [];
    return this.dataSource.query(
      `SELECT c.key, c.name, c.version, c.vendor, c.model, c.cpes, c.purls, c.occurrences FROM inventory_component c
        WHERE c.inventory_id = $1 AND c.organization_id = $2 ORDER BY c.id LIMIT $3 OFFSET $4`,
      [inventoryId, viewer.organizationId, first, offset],
    );
  }

  /** Retires the current version: its components are no longer matched and its exposures no longer listed. */
  async retire(viewer: MemberViewer, inventoryId: string): Promise<InventoryRow> {
    if (!UUID.test(inventoryId)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      const [row]: { name: string }[] = await manager.query(`SELECT name FROM inventory WHERE id = $1 AND organization_id = $2 AND current`, [inventoryId, viewer.organizationId]);
      if (!row) throw notFound();
      await this.retireCurrent(manager, viewer.organizationId, row.name, true);
      await this.audit.record({ action: 'inventory.retire', viewer, targetType: 'inventory', targetId: inventoryId }, manager);
      const [retired]: InventoryRow[] = await manager.query(`SELECT ${INVENTORY_COLUMNS} FROM inventory WHERE id = $1 AND organization_id = $2`, [inventoryId, viewer.organizationId]);
      return retired;
    });
  }

  /**
   * Deletes every version of an inventory and its exposures (and their alerts). The counts others see
   * keep the organisation (exposure_tally), so a deletion cannot be spotted as a drop in a count.
   */
  async delete(viewer: MemberViewer, name: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`DELETE FROM exposure WHERE organization_id = $1 AND inventory_name = lower($2)`, [viewer.organizationId, name.trim()]);
      const [, deleted] = (await manager.query(`DELETE FROM inventory WHERE organization_id = $1 AND lower(name) = lower($2)`, [viewer.organizationId, name.trim()])) as [unknown, number];
      if (deleted) await this.audit.record({ action: 'inventory.delete', viewer, targetType: 'inventory', details: { versions: deleted } }, manager);
      return deleted > 0;
    });
  }

  private async retireCurrent(manager: EntityManager, organizationId: string, name: string, retired: boolean): Promise<void> {
    const [current] = (await manager.query(
      `UPDATE inventory SET current = false${retired ? ', retired_at = now()' : ''} WHERE organization_id = $1 AND lower(name) = lower($2) AND current RETURNING id`,
      [organizationId, name],
    )) as [{ id: string }[], number];
    // Only current versions keep components: the document of every version is kept for the member.
    if (current.length) await manager.query(`DELETE FROM inventory_component WHERE inventory_id = ANY($1::uuid[])`, [current.map((row) => row.id)]);
  }
}

/** Writes the components; returns them as matching reads them, with their bucket keys. */
async function insertComponents(
  manager: EntityManager,
  organizationId: string,
  inventoryId: string,
  inventoryName: string,
  components: InventoryComponent[],
): Promise<{ component: StoredComponent; keys: string[] }[]> {
  const stored = components.map((component) => ({
    component: { organizationId, inventoryName, key: component.key, name: component.name, version: component.version, vendor: component.vendor, model: component.model, cpes: component.cpes, purls: component.purls },
    keys: componentMatchKeys(component),
  }));
  for (let start = 0; start < components.length; start += INSERT_SLICE) {
    const slice = components.slice(start, start + INSERT_SLICE).map((component, offset) => ({
      key: component.key,
      name: component.name,
      version: component.version ?? null,
      vendor: component.vendor ?? null,
      model: component.model ?? null,
      type: component.type ?? null,
      cpes: component.cpes,
      purls: component.purls,
      match_keys: stored[start + offset].keys,
      occurrences: component.occurrences,
      path: component.path,
    }));
    await manager.query(
      `INSERT INTO inventory_component (inventory_id, organization_id, key, name, version, vendor, model, type, cpes, purls, match_keys, occurrences, path)
       SELECT $1, $2, c.key, c.name, c.version, c.vendor, c.model, c.type, c.cpes, c.purls, c.match_keys, c.occurrences, c.path
         FROM jsonb_to_recordset($3::jsonb) AS c (key text, name text, version text, vendor text, model text, type text, cpes text[], purls text[], match_keys text[], occurrences integer, path text)`,
      [inventoryId, organizationId, JSON.stringify(slice)],
    );
  }
  return stored;
}

function notFound(): HubError {
  return HubError.notFound('No such inventory of your organisation');
}
