import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { HubError } from '@hub/platform';
import { COMPLETION_GRACE_MS, type TrendScope } from '@hub/trend-rules';
import { TrendScopeValue } from '@hub/trends';
import { ImpactBriefing, ImpactMeasureValue } from '../dto/impact.types';
import type { ImpactGroupBy, ImpactMeasure } from '../impact-query';
import { ImpactTrendsService } from './impact-trends.service';

const MEASURES: ImpactMeasure[] = ['INCIDENTS', 'DISRUPTED_CARE_DAYS', 'DIVERSION_HOURS', 'RECORDS_EXPOSED'];
const GROUPINGS: ImpactGroupBy[] = ['INCIDENT_TYPE', 'SECTOR', 'COUNTRY', 'ORGANIZATION_SIZE'];

/** The start of the calendar quarter holding `time` (UTC). */
export function quarterStart(time: Date): Date {
  return new Date(Date.UTC(time.getUTCFullYear(), Math.floor(time.getUTCMonth() / 3) * 3, 1));
}

/**
 * A quarter's human impact: for each measure, the range totals of the impact trend by week over the ISO
 * weeks that hold the quarter's days, per incident type, sector, country and organisation size. Range totals are withheld as
 * soon as one of their weeks is (docs/trends.md, rule 7), so the briefing says nothing the weekly answers
 * do not; weeks, not the quarter itself, because sector-wide figures are given per week only.
 */
@Injectable()
export class ImpactBriefingService {
  constructor(private readonly trends: ImpactTrendsService) {}

  async briefing(viewer: Viewer, { at, scope }: { at?: Date; scope: TrendScope }, now = new Date()): Promise<ImpactBriefing> {
    const moment = at ?? now;
    if (Number.isNaN(moment.getTime()) || moment > now) throw HubError.badInput('The briefing question is not valid', [{ path: 'input.at', message: 'must be a valid time, not in the future' }]);
    if (moment.getUTCFullYear() < 1971) throw HubError.badInput('The briefing question is not valid', [{ path: 'input.at', message: 'must be after 1970' }]);
    // The last quarter that has ended (with the grace of trends) at or before `at`.
    const limit = new Date(Math.min(moment.getTime(), now.getTime() - COMPLETION_GRACE_MS));
    const end = quarterStart(limit);
    const start = quarterStart(new Date(end.getTime() - 1));
    const measures = [];
    let range = { from: start, to: end, k: 0 };
    for (const measure of MEASURES) {
      const answers = new Map<ImpactGroupBy, Awaited<ReturnType<ImpactTrendsService['report']>>>();
      for (const groupBy of GROUPINGS) answers.set(groupBy, await this.trends.report(viewer, { from: start, to: end, bucket: 'WEEK', groupBy, scope, measure }, now));
      const byType = answers.get('INCIDENT_TYPE')!;
      range = { from: byType.from, to: byType.to, k: byType.k };
      measures.push({
        measure: measure as ImpactMeasureValue,
        total: byType.total,
        byIncidentType: byType.totals,
        bySector: answers.get('SECTOR')!.totals,
        byCountry: answers.get('COUNTRY')!.totals,
        bySize: answers.get('ORGANIZATION_SIZE')!.totals,
      });
    }
    return {
      from: range.from,
      to: range.to,
      quarter: `${start.getUTCFullYear()}-Q${Math.floor(start.getUTCMonth() / 3) + 1}`,
      scope: scope as TrendScopeValue,
      k: range.k,
      measures,
    };
  }
}
