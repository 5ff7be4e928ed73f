import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { tlpRank, type MemberViewer } from '@hub/access';
import { SECTORS } from '@hub/members';
import { HUB_CONFIG, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { readableObjectsWhere, SqlParams } from '@hub/sharing';
import { bucketStart, isComplete, lastCompleteBucket, rangeIssues, wholeBuckets } from '@hub/trend-rules';
import { DataSource } from 'typeorm';

export type TriageStatusName = 'AFFECTED' | 'NOT_AFFECTED' | 'FIXED' | 'ACCEPTED_RISK';

export interface ExposureRow {
  id: string;
  inventory_name: string;
  component_key: string;
  component_name: string;
  component_version: string | null;
  vulnerability_id: string;
  vulnerability_stix: Record<string, unknown>;
  verdict: string;
  matched_by: string;
  matched_at: Date;
  status: TriageStatusName | null;
  triaged_at: Date | null;
}

export interface ExposurePage {
  rows: ExposureRow[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface CountCell {
  key: string;
  count: number | null;
  suppressed: boolean;
}

export const MAX_EXPOSURES_PAGE = 500;
const GREEN = tlpRank('GREEN');
const EXPOSURE_ID = /^[1-9][0-9]{0,17}$/;
const VULNERABILITY_ID = /^vulnerability--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The viewer's organisation's exposures: its own rows only (organisation id in the WHERE clause), of
 * a current inventory that still declares the component, and only while the viewer may read the
 * vulnerability (the newest version it may read is the one shown). Counts for others come from
 * exposure_tally and are suppressed below k.
 */
@Injectable()
export class ExposuresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Now; counts are as of the last complete week before it. */
  clock: () => Date = () => new Date();

  get k(): number {
    return this.config.trendK;
  }

  async page(viewer: MemberViewer, first: number, after?: string): Promise<ExposurePage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_EXPOSURES_PAGE) {
      throw HubError.badInput(`first must be between 1 and ${MAX_EXPOSURES_PAGE}`, [{ path: 'first', message: `must be between 1 and ${MAX_EXPOSURES_PAGE} (got ${first})` }]);
    }
    if (after !== undefined && !EXPOSURE_ID.test(after)) throw HubError.badInput('after is not a cursor of this list', [{ path: 'after', message: 'must be the endCursor of an earlier page' }]);
    const params = new SqlParams();
    const select = exposureSelect(viewer, params);
    const where = listedExposuresWhere(viewer, params);
    const continuation = after === undefined ? '' : ` AND e.id < ${params.bind(after)}::bigint`;
    const counting = new SqlParams();
    const [rows, [{ count }]] = await Promise.all([
      this.dataSource.query(`${select} WHERE ${where}${continuation} ORDER BY e.id DESC LIMIT ${params.bind(first + 1)}`, params.values) as Promise<ExposureRow[]>,
      this.dataSource.query(`SELECT count(*)::int AS count FROM exposure e WHERE ${listedExposuresWhere(viewer, counting)}`, counting.values) as Promise<{ count: number }[]>,
    ]);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: count };
  }

  /** The member's verdict; its alerts are marked read, and no alert is raised for it again. */
  async triage(viewer: MemberViewer, id: string, status: TriageStatusName): Promise<ExposureRow> {
    if (!EXPOSURE_ID.test(id)) throw notFound();
    return this.dataSource.transaction(async (manager) => {
      const params = new SqlParams();
      const where = listedExposuresWhere(viewer, params);
      const [updated] = (await manager.query(
        `UPDATE exposure e SET status = ${params.bind(status)}, triaged_at = now(), triaged_by = ${params.bind(viewer.userId)}::uuid
          WHERE e.id = ${params.bind(id)}::bigint AND ${where} RETURNING e.id`,
        params.values,
      )) as [{ id: string }[], number];
      if (!updated.length) throw notFound();
      await manager.query(`UPDATE alert SET read_at = now() WHERE exposure_id = $1 AND read_at IS NULL`, [id]);
      const read = new SqlParams();
      const select = exposureSelect(viewer, read);
      const [row]: ExposureRow[] = await manager.query(`${select} WHERE e.id = ${read.bind(id)}::bigint AND ${listedExposuresWhere(viewer, read)}`, read.values);
      return row;
    });
  }

  /**
   * Focal points: organisations first found exposed to a vulnerability the focal point may read, per
   * complete week and sector, the focal point's own organisation left out. Only a sector-wide advisory
   * (sectorWideSql) has numbers: its audience is every member, so nobody can narrow it to the few
   * organisations they want to learn about; any other is all suppressed. A cell is published when it
   * counts at least k organisations and at least k organisations of the sector (population as of the
   * end of the last complete week) were not found exposed by then, so a cell never says "all of them".
   * The tally never shrinks, so a member's triage, retirement or deletion changes no answer.
   */
  async sectorCounts(viewer: MemberViewer, vulnerabilityId: string, from: Date, to: Date): Promise<{ start: Date; groups: CountCell[] }[]> {
    if (viewer.kind !== 'user' || viewer.role !== 'FOCAL_POINT') throw HubError.forbidden('Exposure counts by sector are for focal points');
    const issues = rangeIssues(from, to, 'WEEK', 'input');
    if (issues.length) throw HubError.badInput('The range is not valid', issues);
    await this.requireReadable(viewer, vulnerabilityId);
    const now = this.clock();
    const weeks = wholeBuckets(bucketStart(from, 'WEEK'), to, 'WEEK').filter((week) => isComplete(week, now));
    if (!weeks.length) return [];
    const cut = lastCompleteBucket(now, 'WEEK', now).end;
    const [rows, populations]: [{ start: Date; sector: string; count: number }[], { sector: string; population: number; exposed: number }[]] = await Promise.all([
      this.dataSource.query(
        `SELECT date_trunc('week', t.first_matched_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS start, t.sector, count(*)::int AS count
           FROM exposure_tally t
          WHERE t.vulnerability_id = $1 AND t.first_matched_at >= $2 AND t.first_matched_at < $3 AND t.organization_id <> $4 AND ${sectorWideSql('$1')}
          GROUP BY 1, 2`,
        [vulnerabilityId, weeks[0].start, weeks[weeks.length - 1].end, viewer.organizationId],
      ),
      this.dataSource.query(
        `SELECT org.sector, count(*)::int AS population,
                count(*) FILTER (WHERE EXISTS (SELECT 1 FROM exposure_tally t WHERE t.vulnerability_id = $1 AND t.organization_id = org.id AND t.first_matched_at < $2))::int AS exposed
           FROM organization org WHERE ${populationSql('org', '$2', '$3')}
          GROUP BY 1`,
        [vulnerabilityId, cut, viewer.organizationId],
      ),
    ]);
    const unexposed = new Map(populations.map((row) => [row.sector, row.population - row.exposed]));
    const counts = new Map(rows.map((row) => [`${new Date(row.start).toISOString()}|${row.sector}`, row.count]));
    return weeks.map((week) => ({
      start: week.start,
      groups: SECTORS.map((sector) => this.published(sector, counts.get(`${week.start.toISOString()}|${sector}`) ?? 0, unexposed.get(sector) ?? 0)),
    }));
  }

  /**
   * A vendor (the organisation that owns the vulnerability's id): how many other organisations were
   * found running a product it says is affected, by the end of the last complete week. As for focal
   * points, only a sector-wide advisory has a number, and it is published when both it and the rest of
   * the population (organisations other than the vendor) are at least k. Anyone else gets NOT_FOUND,
   * exactly as for an id that does not exist.
   */
  async vendorCount(viewer: MemberViewer, vulnerabilityId: string): Promise<CountCell> {
    if (!VULNERABILITY_ID.test(vulnerabilityId)) throw notFoundVulnerability();
    const now = this.clock();
    const cut = lastCompleteBucket(now, 'WEEK', now).end;
    const params = new SqlParams();
    const [id, organization, before] = [params.bind(vulnerabilityId), params.bind(viewer.organizationId), params.bind(cut)];
    // The vendor must also read a version: a colleague's RED advisory answers as an absent id.
    const [row]: { count: number; population: number; sector_wide: boolean }[] = await this.dataSource.query(
      `SELECT (SELECT count(*)::int FROM exposure_tally t JOIN organization org ON org.id = t.organization_id
                WHERE t.vulnerability_id = owner.id AND t.first_matched_at < ${before} AND ${populationSql('org', before, organization)}) AS count,
              (SELECT count(*)::int FROM organization org WHERE ${populationSql('org', before, organization)}) AS population,
              ${sectorWideSql('owner.id')} AS sector_wide
         FROM stix_object_owner owner
        WHERE owner.id = ${id} AND owner.source_org_id = ${organization}
          AND EXISTS (SELECT 1 FROM stix_object o WHERE o.id = owner.id AND ${readableObjectsWhere(viewer, {}, params)})`,
      params.values,
    );
    if (!row) throw notFoundVulnerability();
    return row.sector_wide ? this.published(vulnerabilityId, row.count, row.population - row.count) : this.published(vulnerabilityId, 0, 0);
  }

  /** k on both sides: neither "these few" nor "all but these few" is ever told. */
  private published(key: string, count: number, rest: number): CountCell {
    return count >= this.k && rest >= this.k ? { key, count, suppressed: false } : { key, count: null, suppressed: true };
  }

  private async requireReadable(viewer: MemberViewer, vulnerabilityId: string): Promise<void> {
    if (!VULNERABILITY_ID.test(vulnerabilityId)) throw notFoundVulnerability();
    const params = new SqlParams();
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM stix_object o WHERE o.id = ${params.bind(vulnerabilityId)} AND ${readableObjectsWhere(viewer, {}, params)} LIMIT 1`,
      params.values,
    );
    if (!rows.length) throw notFoundVulnerability();
  }
}

// The vulnerability shown is the newest version the viewer may read now (readableObjectsWhere).
function exposureSelect(viewer: MemberViewer, params: SqlParams): string {
  return `
  SELECT e.id, e.inventory_name, e.component_key, e.component_name, e.component_version, e.vulnerability_id,
         (SELECT o.stix FROM stix_object o WHERE o.id = e.vulnerability_id AND ${readableObjectsWhere(viewer, {}, params)} ORDER BY o.modified DESC LIMIT 1) AS vulnerability_stix,
         e.verdict, e.matched_by, e.matched_at, e.status, e.triaged_at
    FROM exposure e`;
}

function listedExposuresWhere(viewer: MemberViewer, params: SqlParams): string {
  return [
    `e.organization_id = ${params.bind(viewer.organizationId)}::uuid`,
    `EXISTS (SELECT 1 FROM inventory i JOIN inventory_component c ON c.inventory_id = i.id AND c.key = e.component_key
              WHERE i.organization_id = e.organization_id AND lower(i.name) = e.inventory_name AND i.current)`,
    `EXISTS (SELECT 1 FROM stix_object o WHERE o.id = e.vulnerability_id AND ${readableObjectsWhere(viewer, {}, params)})`,
  ].join('\n AND ');
}

/**
 * Every version of the vulnerability is CLEAR or GREEN: every organisation reads it, so its audience
 * cannot single anyone out (an AMBER advisory, or a narrower newer version, would be matched only
 * against its audience and its count would name them). The tally itself holds only matches of
 * sector-wide versions about sector-wide software (exposure-matcher.service.ts).
 */
function sectorWideSql(vulnerabilityId: string): string {
  return `NOT EXISTS (SELECT 1 FROM stix_object v WHERE v.id = ${vulnerabilityId} AND v.tlp > ${GREEN})`;
}

/**
 * The organisations a count is drawn from, as of the cut: any organisation (every one may read a
 * sector-wide advisory) that existed then and was not deactivated before it, but never the asker's own.
 */
function populationSql(org: string, cut: string, askerId: string): string {
  return `${org}.id <> ${askerId}::uuid AND ${org}.created_at < ${cut} AND (${org}.active OR ${org}.deactivated_at >= ${cut})`;
}

function notFound(): HubError {
  return HubError.notFound('No such exposure of your organisation');
}

function notFoundVulnerability(): HubError {
  return HubError.notFound('No such vulnerability');
}

