import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { HUB_LOGGER, withoutStatementTimeout } from '@hub/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ProfilePartsService } from '../profiles/profile-parts.service';

// Rows taken into account per transaction: big enough to be efficient, small enough to keep locks short.
const BATCH_SIZE = 20_000;
// Between requests, pending rows are taken into account in the background this often, so that a
// request after a busy hour does not pay for the whole hour.
const BACKGROUND_INTERVAL_MS = 10_000;

/**
 * Takes newly stored (changed, deleted) rows into account in the trend tables. Submissions only
 * append to trend_pending; every trends request calls catchUp() first, so answers include every
 * object stored before the request, and a background loop keeps the backlog small.
 */
@Injectable()
export class TrendCatchUpService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private background?: Promise<void>;
  private stopping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ProfilePartsService,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  /** Takes every pending row into account; returns how many there were. */
  async catchUp(): Promise<number> {
    // A request waits for it but did not choose its size: the request's statement timeout does not apply.
    return withoutStatementTimeout(() => this.takeBatches(() => true));
  }

  /** Batch by batch while `goOn()` says so; returns how many rows were taken. */
  private async takeBatches(goOn: () => boolean): Promise<number> {
    let total = 0;
    while (goOn()) {
      const [{ taken }] = await this.dataSource.query(`SELECT trend_catch_up($1) AS taken`, [BATCH_SIZE]);
      total += Number(taken);
      if (Number(taken) < BATCH_SIZE) break;
    }
    return total;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.background) return;
      this.background = this.runInBackground().finally(() => {
        this.background = undefined;
      });
    }, BACKGROUND_INTERVAL_MS);
    this.timer.unref();
  }

  // Before the database connection closes (that happens at application shutdown).
  // The background work stops after its current batch, so that a replica told to stop just after a
  // large import does not keep its shutdown waiting for the whole backlog (the next request or
  // replica takes the rest).
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.background;
  }

  private async runInBackground(): Promise<void> {
    try {
      const taken = await this.takeBatches(() => !this.stopping);
      if (taken) this.logger.debug({ taken }, 'trend tables caught up');
      if (!this.stopping) await this.profiles.tidy();
    } catch (error) {
      this.logger.warn({ err: error }, 'trend catch-up failed; the next request retries');
    }
  }
}
