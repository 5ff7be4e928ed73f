import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readableCondition, Viewer } from '@hub/access';
import type { MemberViewer } from '@hub/access';
import type { AssetKind } from '@hub/intel-rules';
import { HubError } from '@hub/platform';
import { FeedService, readableObjectsWhere, SqlParams, StixObjectRow } from '@hub/sharing';
import { DataSource } from 'typeorm';

export type AlertKind = 'WATCH' | 'FALSE_POSITIVE' | 'ASSET_MATCH' | 'EXPOSURE';

/** The name an alert without a watch filter shows in place of the filter's. */
export const ALERT_KIND_NAMES: Record<Exclude<AlertKind, 'WATCH'>, string> = {
  FALSE_POSITIVE: 'False positive reported on your indicator',
  ASSET_MATCH: "Your organisation's assets",
  EXPOSURE: 'Supply-chain exposure',
};

export interface AssetMatch {
  assetKind: AssetKind;
  assetValue: string;
  assetComment: string | null;
  matchedType: string;
  matchedValue: string;
}

export interface Alert {
  id: string;
  kind: AlertKind;
  /** null for alerts the hub raises without a watch filter (kinds FALSE_POSITIVE, ASSET_MATCH and EXPOSURE). */
  watchFilterId: string | null;
  watchFilterName: string;
  assetMatch: AssetMatch | null;
  createdAt: Date;
  readAt: Date | null;
  object: StixObjectRow;
}

export interface AlertPage {
  alerts: Alert[];
  hasNextPage: boolean;
  totalCount: number;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  watch_filter_id: string | null;
  watch_filter_name: string | null;
  asset_kind: AssetKind | null;
  asset_value: string | null;
  asset_comment: string | null;
  matched_type: string | null;
  matched_value: string | null;
  object_id: string;
  created_at: Date;
  read_at: Date | null;
}

export const MAX_ALERTS_PAGE = 500;
export const MAX_ALERT_IDS = 500;
const ALERT_ID = /^[1-9][0-9]{0,17}$/;

/** The alerts kept for a person: listed, delivered live and marked read, always under today's access rules. */
@Injectable()
export class AlertsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly feed: FeedService,
  ) {}

  async page(viewer: MemberViewer, options: { unreadOnly: boolean; first: number; after?: string }): Promise<AlertPage> {
    if (!Number.isInteger(options.first) || options.first < 1 || options.first > MAX_ALERTS_PAGE) {
      throw HubError.badInput(`first must be between 1 and ${MAX_ALERTS_PAGE}`, [{ path: 'first', message: `must be between 1 and ${MAX_ALERTS_PAGE} (got ${options.first})` }]);
    }
    if (options.after !== undefined && !ALERT_ID.test(options.after)) {
      throw HubError.badInput('after is not a cursor of this list', [{ path: 'after', message: 'must be the endCursor of an earlier page' }]);
    }
    const params = new SqlParams();
    const where = readableAlertsWhere(viewer, params, options.unreadOnly ? ['a.read_at IS NULL'] : []);
    const countValues = [...params.values];
    const continuation = options.after === undefined ? '' : ` AND a.id < ${params.bind(options.after)}::bigint`;
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(`${ALERT_SELECT} WHERE ${where}${continuation} ORDER BY a.id DESC LIMIT ${params.bind(options.first + 1)}`, params.values) as Promise<AlertRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS count FROM alert a WHERE ${where}`, countValues) as Promise<{ count: number }[]>,
    ]);
    return { alerts: await this.withObjects(viewer, rows.slice(0, options.first)), hasNextPage: rows.length > options.first, totalCount: count };
  }

  /** The given alerts that belong to the viewer and that it may still read, oldest first: what alertRaised delivers. */
  async raised(viewer: Viewer, alertIds: string[]): Promise<Alert[]> {
    if (viewer.kind === 'anonymous') return [];
    const params = new SqlParams();
    const where = readableAlertsWhere(viewer, params, [`a.id = ANY(${params.bind(alertIds.filter((id) => ALERT_ID.test(id)))}::bigint[])`]);
    const rows: AlertRow[] = await this.dataSource.query(`${ALERT_SELECT} WHERE ${where} ORDER BY a.id`, params.values);
    return this.withObjects(viewer, rows);
  }

  /**
   * Marks the viewer's alerts read; returns how many were unread. Ids of alerts the viewer may not
   * list (other people's, or ones whose object it may not read now) change nothing and are not
   * counted, so the count tells nothing about them.
   */
  async markRead(viewer: MemberViewer, ids: string[]): Promise<number> {
    if (!ids.length || ids.length > MAX_ALERT_IDS) {
      throw HubError.badInput(`Name 1 to ${MAX_ALERT_IDS} alerts`, [{ path: 'ids', message: `must hold 1 to ${MAX_ALERT_IDS} alert ids` }]);
    }
    const issues = ids.flatMap((id, index) => (ALERT_ID.test(id) ? [] : [{ path: `ids[${index}]`, message: `"${id}" is not an alert id` }]));
    if (issues.length) throw HubError.badInput('Not alert ids', issues);
    const params = new SqlParams();
    const where = readableAlertsWhere(viewer, params, [`a.id = ANY(${params.bind(ids)}::bigint[])`, 'a.read_at IS NULL']);
    const [, marked] = (await this.dataSource.query(`UPDATE alert a SET read_at = now() WHERE ${where}`, params.values)) as [unknown, number];
    return marked;
  }

  /** Pairs each alert with the latest version of its object the viewer may read (read in SQL under the viewer's rules). */
  private async withObjects(viewer: Viewer, rows: AlertRow[]): Promise<Alert[]> {
    const objects = new Map((await this.feed.findLatest(viewer, [...new Set(rows.map((row) => row.object_id))])).map((object) => [object.id, object]));
    return rows.flatMap((row) => {
      const object = objects.get(row.object_id);
      // Only when access changed between the two reads: the alert shows up again once it is readable.
      if (!object) return [];
      return [
        {
          id: String(row.id),
          kind: row.kind,
          watchFilterId: row.watch_filter_id,
          watchFilterName: row.kind === 'WATCH' ? (row.watch_filter_name ?? '') : ALERT_KIND_NAMES[row.kind],
          assetMatch: assetMatchOf(row),
          createdAt: row.created_at,
          readAt: row.read_at,
          object,
        },
      ];
    });
  }
}

const ALERT_SELECT = `
  SELECT a.id, a.kind, a.watch_filter_id, f.name AS watch_filter_name, a.object_id, a.created_at, a.read_at,
         a.asset_kind, a.asset_value, a.asset_comment, a.matched_type, a.matched_value
    FROM alert a LEFT JOIN watch_filter f ON f.id = a.watch_filter_id`;

function assetMatchOf(row: AlertRow): AssetMatch | null {
  if (row.kind !== 'ASSET_MATCH' || !row.asset_kind || row.asset_value === null || row.matched_type === null || row.matched_value === null) return null;
  return { assetKind: row.asset_kind, assetValue: row.asset_value, assetComment: row.asset_comment, matchedType: row.matched_type, matchedValue: row.matched_value };
}

/**
 * The viewer's alerts, re-checked at read time: the version that matched is still readable to the
 * viewer, and so is some version of the object (the one shown), or the alert is not listed.
 * A person's alerts are those of their own watch filters. An API key's are those of the watch
 * filters of the people of its organisation (now), read under the KEY's rules: never RED, no
 * AMBER+STRICT through a CLIENTS key, never more than the key itself may read.
 * An ASSET_MATCH alert is raised for each person of the organisation: a key lists those of the person
 * who made it (not one copy per colleague). It names an entry of the organisation's private asset
 * list, so it is listed only while the reader belongs to that organisation (people may move); an
 * EXPOSURE alert names the organisation's exposure (what it runs), so the same holds for it.
 */
function readableAlertsWhere(viewer: MemberViewer, params: SqlParams, extra: string[]): string {
  const organizationId = params.bind(viewer.organizationId);
  const whose =
    viewer.kind === 'key'
      ? `(a.kind <> 'ASSET_MATCH' AND EXISTS (SELECT 1 FROM hub_user owner WHERE owner.id = a.user_id AND owner.organization_id = ${organizationId}::uuid)
          OR a.kind = 'ASSET_MATCH' AND a.user_id = ${params.bind(viewer.userId)}::uuid)`
      : `a.user_id = ${params.bind(viewer.userId)}::uuid`;
  return [
    whose,
    `(a.asset_organization_id IS NULL OR a.asset_organization_id = ${organizationId}::uuid)`,
    `(a.exposure_id IS NULL OR EXISTS (SELECT 1 FROM exposure ex WHERE ex.id = a.exposure_id AND ex.organization_id = ${organizationId}::uuid))`,
    `EXISTS (SELECT 1 FROM stix_object matched WHERE matched.pk = a.object_pk AND ${readableCondition(viewer, 'matched', params.bind)})`,
    `EXISTS (SELECT 1 FROM stix_object o WHERE o.id = a.object_id AND ${readableObjectsWhere(viewer, {}, params)})`,
    ...extra,
  ].join('\n AND ');
}
