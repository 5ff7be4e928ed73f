import { Inject, Injectable } from '@nestjs/common';
import type { MemberViewer, Viewer } from '@hub/access';
import { parseExclusions } from '@hub/intel-rules';
import { HUB_CONFIG, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { AuditService } from '@hub/audit';
import { FeedService, KeyedExtra, ObjectPage, SqlParams } from '@hub/sharing';
import { DataSource } from 'typeorm';
import { ADD_EXCLUSION, correlatedWith, correlatedWithLinking, exclusionLikePattern, linkingObservables, LIST_EXCLUSIONS, overCorrelatingValues, REMOVE_EXCLUSION } from './correlation.sql';
import { CorrelationExclusionInput, CorrelationExclusionModel, OverCorrelatingObservableModel } from './dto/correlation.types';

/** Objects that share an observable, read through the feed's rules in one query; the operator's exclusions. */
@Injectable()
export class CorrelationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly feed: FeedService,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /**
   * `pk` is a row the viewer has just read (the parent field); the page holds only rows it may read.
   * The condition picks candidates by key (see correlatedWith), so one plan fits every pk: `keyed`.
   */
  page(viewer: Viewer, pk: string, first: number, after?: string): Promise<ObjectPage> {
    return this.feed.page(viewer, {}, first, after, (params) => correlatedWith(viewer, pk, this.config.correlationLimit, params), { keyed: true });
  }

  /** The first page of each of these rows at once (one statement; see FeedService.firstPagesByKey). */
  firstPages(viewer: Viewer, pks: string[], first: number): Promise<Map<string, ObjectPage>> {
    return this.feed.firstPagesByKey(viewer, pks, first, this.batchCondition(viewer));
  }

  /** The count of each of these rows at once (one statement): for the pages with more behind them. */
  counts(viewer: Viewer, pks: string[]): Promise<Map<string, number>> {
    return this.feed.countsByKey(viewer, pks, this.batchCondition(viewer));
  }

  /** Each distinct observable of the batch judged once (linking), then each row's candidates by key. */
  private batchCondition(viewer: Viewer): KeyedExtra {
    return { with: (keys, params) => linkingObservables(viewer, keys, this.config.correlationLimit, params), condition: (key) => correlatedWithLinking(key) };
  }

  async overCorrelating(viewer: Viewer, pk: string): Promise<OverCorrelatingObservableModel[]> {
    const params = new SqlParams();
    const sql = overCorrelatingValues(viewer, pk, this.config.correlationLimit, params);
    return this.dataSource.query(sql, params.values);
  }

  exclusions(): Promise<CorrelationExclusionModel[]> {
    return this.dataSource.query(LIST_EXCLUSIONS);
  }

  async addExclusion(viewer: MemberViewer, input: CorrelationExclusionInput, ip?: string): Promise<CorrelationExclusionModel> {
    const entry = { value: input.value, ...(input.type ? { type: input.type } : {}), ...(input.comment ? { comment: input.comment } : {}) };
    const parsed = parseExclusions([entry]);
    if (!parsed.ok) {
      const issues = parsed.errors.map((issue) => ({ path: `input${issue.path.replace(/^\[0\]/, '')}`, message: issue.message }));
      throw HubError.badInput(`The exclusion is not valid: ${issues[0].message}`, issues);
    }
    const [exclusion] = parsed.exclusions;
    return this.dataSource.transaction(async (manager) => {
      const [row]: CorrelationExclusionModel[] = await manager.query(ADD_EXCLUSION, [
        exclusion.value.trim(),
        exclusion.type ?? null,
        exclusion.comment ?? null,
        exclusionLikePattern(exclusion.value),
        viewer.userId,
      ]);
      await this.audit.record({ action: 'correlation.exclusion.add', viewer, ip, targetType: 'correlation_exclusion', targetId: row.id, details: { value: row.value, type: row.type } }, manager);
      return row;
    });
  }

  async removeExclusion(viewer: MemberViewer, id: string, ip?: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw HubError.badInput('Not an exclusion id', [{ path: 'id', message: 'is not an exclusion id (a UUID)' }]);
    return this.dataSource.transaction(async (manager) => {
      const removed: { id: string }[] = await manager.query(REMOVE_EXCLUSION, [id]);
      if (removed.length) await this.audit.record({ action: 'correlation.exclusion.remove', viewer, ip, targetType: 'correlation_exclusion', targetId: id }, manager);
      return removed.length > 0;
    });
  }
}
