import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { MemberViewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { HUB_CONFIG, HUB_LOGGER, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ScoreDecayRuleModel } from './dto/score.types';
import { DecayBatch, DECAY_DUE, DECAY_START, LIST_RULES, RULE_ROWS_DUE, SET_RULE } from './scores.sql';

/** Rows one statement of the batch updates: short transactions, so readers and writers never wait long. */
export const SCORE_BATCH_SIZE = 20_000;
const MAX_LIFETIME_DAYS = 36_500;
const MAX_SPEED = 100;

/**
 * Brings every score due at `now` up to date, SCORE_BATCH_SIZE rows per statement, until none is
 * due; returns how many rows it updated. Shared by the hub's timer and the bench (any SQL runner).
 */
export async function refreshDueScores(query: (sql: string, values: unknown[]) => Promise<DecayBatch[]>, now: Date, batchSize = SCORE_BATCH_SIZE): Promise<number> {
  let total = 0;
  let after: readonly (string | null)[] = DECAY_START;
  for (;;) {
    const [{ updated, taken, lastCheck, lastPk }] = await query(DECAY_DUE, [now, batchSize, ...after]);
    total += updated;
    if (taken === batchSize) {
      after = [lastCheck, lastPk];
      continue;
    }
    // One more statement from the start, once the positioned steps are done: it takes the rows they
    // passed over (held by another transaction at the time, or moved past the position by a
    // concurrent update), so a due score is never left for a later pass.
    if (after === DECAY_START) return total;
    after = DECAY_START;
    const [sweep] = await query(DECAY_DUE, [now, batchSize, ...after]);
    total += sweep.updated;
    if (sweep.taken < batchSize) return total;
    after = [sweep.lastCheck, sweep.lastPk];
  }
}

/**
 * Keeps indicator scores current: every `HUB_SCORE_INTERVAL_SECONDS` it recomputes the rows whose
 * stored `next_check` has passed (the moment their score drops a point), and only those, through
 * the `indicator_score_due_position` index. The inputs of a score (base, clock) are kept by triggers in the
 * transactions that store indicators and sightings (see the migration IndicatorScores1766800000000).
 */
@Injectable()
export class ScoresService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.scoreIntervalSeconds) return;
    this.timer = setInterval(() => void this.scheduledPass(), this.config.scoreIntervalSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /**
   * Brings every score due at `now` up to date, in batches; returns how many rows it updated. `now`
   * is a parameter so that tests and the bench can ask "as of" a moment of their choosing.
   */
  refreshDue(now: Date = new Date(), batchSize = SCORE_BATCH_SIZE): Promise<number> {
    return refreshDueScores((sql, values) => this.dataSource.query(sql, values), now, batchSize);
  }

  private async scheduledPass(): Promise<void> {
    if (this.running) return;
    this.running = this.refreshDue();
    try {
      const updated = await this.running;
      if (updated) this.logger.debug({ updated }, 'indicator scores brought up to date');
    } catch (error) {
      this.logger.error({ err: error }, 'bringing indicator scores up to date failed; the next pass retries');
    } finally {
      this.running = undefined;
    }
  }

  rules(): Promise<ScoreDecayRuleModel[]> {
    return this.dataSource.query(LIST_RULES);
  }

  async setRule(viewer: MemberViewer, observableType: string, lifetimeDays: number, speed: number, ip?: string): Promise<ScoreDecayRuleModel> {
    const issues = [
      ...(Number.isFinite(lifetimeDays) && lifetimeDays > 0 && lifetimeDays <= MAX_LIFETIME_DAYS ? [] : [{ path: 'lifetimeDays', message: `must be a number of days above 0 and at most ${MAX_LIFETIME_DAYS} (got ${lifetimeDays})` }]),
      ...(Number.isFinite(speed) && speed > 0 && speed <= MAX_SPEED ? [] : [{ path: 'speed', message: `must be a number above 0 and at most ${MAX_SPEED} (got ${speed})` }]),
    ];
    if (issues.length) throw HubError.badInput(`The decay rule is not valid: ${issues[0].path} ${issues[0].message}`, issues);
    const rule = await this.dataSource.transaction(async (manager) => {
      const [row]: ScoreDecayRuleModel[] = await manager.query(SET_RULE, [observableType, lifetimeDays, speed, viewer.userId]);
      if (!row) {
        const known: { observableType: string }[] = await manager.query(LIST_RULES);
        const message = `is not an observable type with a decay rule (one of ${known.map((rule) => rule.observableType).join(', ')})`;
        throw HubError.badInput(`"${observableType}" ${message}`, [{ path: 'observableType', message }]);
      }
      await manager.query(RULE_ROWS_DUE, [observableType]);
      await this.audit.record({ action: 'score.decay.set', viewer, ip, targetType: 'score_decay_rule', targetId: observableType, details: { lifetimeDays, speed } }, manager);
      return row;
    });
    // The scores of that type follow the new rule at once rather than at the next pass.
    await this.refreshDue();
    return rule;
  }
}
