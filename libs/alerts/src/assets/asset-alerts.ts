import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { MemberViewer } from '@hub/access';
import { ViewerService } from '@hub/members';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import { DataSource, EntityManager } from 'typeorm';
import { insertAssetAlerts, matchesOfEntries, matchesOfVersions } from './asset-matches.sql';

/** A re-check after a list change alerts each person about at most this many objects (the newest). */
export const RECHECK_LIMIT = 1_000;
// New entries re-checked per transaction (one organisation at a time).
const RECHECK_BATCH = 1_000;

/**
 * Raises ASSET_MATCH alerts for the people of an organisation whose assets a shared object mentions.
 * Both directions end in the same INSERT … SELECT per person, with the feed's readable condition
 * under that person's viewer: nobody is alerted about an object they may not read, so a match in an
 * object hidden from the organisation and no match at all leave the same trace (none).
 */
@Injectable()
export class AssetAlerts {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly viewers: ViewerService,
  ) {}

  /** Newly stored versions (from alert_pending), against every organisation's list. */
  async raiseForVersions(manager: EntityManager, pks: string[]): Promise<string[]> {
    const orgs: { organization_id: string }[] = await manager.query(
      `SELECT DISTINCT asset_organization_id AS organization_id FROM (${matchesOfVersions('$1')}) m`,
      [pks],
    );
    const alertIds: string[] = [];
    for (const { organization_id } of orgs) {
      alertIds.push(...(await this.raise(manager, organization_id, (params) => matchesOfVersions(params.bind(pks)))));
    }
    return alertIds;
  }

  /** Whether some organisation's new entries still wait for their re-check. */
  async recheckDue(): Promise<boolean> {
    const [row]: { due: boolean }[] = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM organization_asset WHERE rechecked_at IS NULL) AS due`);
    return row?.due === true;
  }

  /**
   * Entries added to some organisation's list and not yet checked against what is stored: one
   * organisation's batch per call, claimed with SKIP LOCKED so replicas share the work. `more` says
   * whether to call again.
   */
  async recheckPendingEntries(manager: EntityManager): Promise<{ alertIds: string[]; more: boolean }> {
    const due: { id: string; organization_id: string }[] = await manager.query(
      `SELECT id, organization_id FROM organization_asset
        WHERE rechecked_at IS NULL AND organization_id = (SELECT organization_id FROM organization_asset WHERE rechecked_at IS NULL LIMIT 1)
        ORDER BY id LIMIT ${RECHECK_BATCH} FOR UPDATE SKIP LOCKED`,
    );
    if (!due.length) return { alertIds: [], more: false };
    const ids = due.map((row) => row.id);
    const alertIds = await this.raiseForEntries(manager, due[0]!.organization_id, ids);
    await manager.query(`UPDATE organization_asset SET rechecked_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
    return { alertIds, more: true };
  }

  /** Entries just added to an organisation's list, against what is already stored (bounded per person). */
  async raiseForEntries(manager: EntityManager, organizationId: string, assetIds: string[]): Promise<string[]> {
    if (!assetIds.length) return [];
    return this.raise(manager, organizationId, (params) => matchesOfEntries(params.bind(assetIds)), RECHECK_LIMIT);
  }

  private async raise(manager: EntityManager, organizationId: string, matches: (params: SqlParams) => string, limit?: number): Promise<string[]> {
    const people = await this.peopleOf(manager, organizationId);
    const alertIds: string[] = [];
    for (const person of people) {
      const params = new SqlParams();
      const sql = insertAssetAlerts({
        matches: matches(params),
        userId: params.bind(person.userId),
        organizationId: params.bind(organizationId),
        readable: readableObjectsWhere(person, {}, params),
        limit: limit === undefined ? undefined : params.bind(limit),
      });
      const raised: { id: string }[] = await manager.query(sql, params.values);
      alertIds.push(...raised.map((row) => String(row.id)));
    }
    return alertIds;
  }

  /** The organisation's active people, each as they are now (role, groups); deactivated ones get nothing. */
  private async peopleOf(manager: EntityManager, organizationId: string): Promise<MemberViewer[]> {
    const rows: { id: string }[] = await manager.query(`SELECT id FROM hub_user WHERE organization_id = $1 AND active ORDER BY id`, [organizationId]);
    const viewers = await this.viewers.activeUserViewers(rows.map((row) => row.id));
    return [...viewers.values()].filter((viewer) => viewer.organizationId === organizationId);
  }
}
