import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { parseAssetEntries, type AssetEntryInput, type AssetKind } from '@hub/intel-rules';
import { HubError } from '@hub/platform';
import { DataSource, EntityManager } from 'typeorm';
import { AlertMatcher } from '../inbox/alert-matcher.service';

export interface OrganizationAsset {
  id: string;
  kind: AssetKind;
  value: string;
  comment: string | null;
  createdAt: Date;
}

interface AssetRow {
  id: string;
  kind: AssetKind;
  value: string;
  comment: string | null;
  created_at: Date;
}

const LIST_ASSETS = `
  SELECT id, kind, value, comment, created_at FROM organization_asset
   WHERE organization_id = $1
   ORDER BY array_position(ARRAY['DOMAIN', 'HOSTNAME', 'CIDR', 'IP'], kind), network NULLS FIRST, host_key`;

/**
 * Each organisation's private list of its own assets. Only the organisation's people read or change
 * it (there is no way to name another organisation's list, for operators neither), and the audit
 * log records that it changed and by how much, never the entries: the log is read by operators.
 */
@Injectable()
export class OrganizationAssetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly matcher: AlertMatcher,
  ) {}

  async list(viewer: MemberViewer): Promise<OrganizationAsset[]> {
    return (await this.dataSource.query(LIST_ASSETS, [viewer.organizationId])).map(toAsset);
  }

  /**
   * Replaces the viewer's organisation's list. Entries kept keep their id (and raise nothing new);
   * entries added are stored as not yet re-checked, and the alert matcher checks them against the
   * objects already stored, under each person's read rules, right after this commits. The answer
   * never waits for the re-check, so its time says nothing of how many stored objects (readable
   * or not) mention an entry.
   */
  async set(viewer: MemberViewer, entries: AssetEntryInput[], ip?: string): Promise<OrganizationAsset[]> {
    const parsed = parseAssetEntries(entries, 'input.entries');
    if (!parsed.ok) throw HubError.badInput('The asset list has errors', parsed.errors);
    const organizationId = viewer.organizationId;
    const { assets, added } = await this.dataSource.transaction(async (manager) => {
      // One change at a time per organisation: two pastes at once would each add what the other removes.
      await manager.query(`SELECT 1 FROM organization WHERE id = $1 FOR UPDATE`, [organizationId]);
      const existing: AssetRow[] = await manager.query(`SELECT id, kind, value, comment FROM organization_asset WHERE organization_id = $1`, [organizationId]);
      const existingByKey = new Map(existing.map((row) => [`${row.kind} ${row.value}`, row]));
      const wanted = new Map(parsed.entries.map((entry) => [`${entry.kind} ${entry.value}`, entry]));
      const removed = existing.filter((row) => !wanted.has(`${row.kind} ${row.value}`)).map((row) => row.id);
      const added = parsed.entries.filter((entry) => !existingByKey.has(`${entry.kind} ${entry.value}`));
      const recommented = parsed.entries.flatMap((entry) => {
        const row = existingByKey.get(`${entry.kind} ${entry.value}`);
        return row && row.comment !== (entry.comment ?? null) ? [{ id: row.id, comment: entry.comment ?? null }] : [];
      });
      if (removed.length) await manager.query(`DELETE FROM organization_asset WHERE organization_id = $1 AND id = ANY($2::uuid[])`, [organizationId, removed]);
      if (recommented.length) {
        await manager.query(
          `UPDATE organization_asset a SET comment = e.comment FROM jsonb_to_recordset($2::jsonb) AS e (id uuid, comment text)
            WHERE a.id = e.id AND a.organization_id = $1`,
          [organizationId, JSON.stringify(recommented)],
        );
      }
      await insertEntries(manager, organizationId, viewer.userId, added);
      await this.audit.record(
        {
          action: 'organization.assets.set',
          viewer,
          ip,
          targetType: 'organization',
          targetId: organizationId,
          details: { added: added.length, removed: removed.length, total: parsed.entries.length },
        },
        manager,
      );
      return { assets: ((await manager.query(LIST_ASSETS, [organizationId])) as AssetRow[]).map(toAsset), added };
    });
    if (added.length) this.matcher.schedule();
    return assets;
  }
}

async function insertEntries(manager: EntityManager, organizationId: string, userId: string, entries: { kind: AssetKind; value: string; comment?: string }[]): Promise<void> {
  if (!entries.length) return;
  await manager.query(
    `INSERT INTO organization_asset (organization_id, kind, value, comment, host_key, network, created_by)
     SELECT $1::uuid, e.kind, e.value, e.comment,
            CASE WHEN e.kind IN ('DOMAIN', 'HOSTNAME') THEN reverse(e.value) END,
            CASE WHEN e.kind IN ('CIDR', 'IP') THEN e.value::inet END,
            $2::uuid
       FROM jsonb_to_recordset($3::jsonb) AS e (kind text, value text, comment text)
`,
    [organizationId, userId, JSON.stringify(entries)],
  );
}

function toAsset(row: AssetRow): OrganizationAsset {
  return { id: row.id, kind: row.kind, value: row.value, comment: row.comment, createdAt: row.created_at };
}
