import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { HUB_LOGGER, HubEventBus } from '@hub/platform';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { ExposureMatcher } from './exposure-matcher.service';

// Stored versions read per transaction.
const MATCH_BATCH = 100;
// Versions left queued (a replica stopped between storing and matching, a missed event) are picked up this often.
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Matches newly stored advisories, whichever way they came in (GraphQL, TAXII, imports): a trigger
 * queues every vulnerability and `has` relationship version in the submission's own transaction
 * (exposure_pending); every replica hears `object.added` and drains the queue, and
 * `FOR UPDATE SKIP LOCKED` gives each queued version to exactly one of them.
 */
@Injectable()
export class ExposureQueue implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private stopListening?: () => void;
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matcher: ExposureMatcher,
    private readonly events: HubEventBus,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.stopListening = this.events.subscribe('object.added', () => this.schedule());
    this.timer = setInterval(() => this.schedule(), SWEEP_INTERVAL_MS);
    this.timer.unref();
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.stopListening?.();
    clearInterval(this.timer);
    await this.idle();
  }

  /** Drains the queue soon; calls while a drain runs are gathered into one more drain. */
  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'matching new advisories against inventories failed; the next round retries'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  /** Resolves once every drain asked for so far has run. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    for (;;) {
      const { matched, alertIds } = await this.dataSource.transaction(async (manager) => {
        const queued: { object_pk: string }[] = await manager.query(`SELECT object_pk FROM exposure_pending ORDER BY object_pk LIMIT ${MATCH_BATCH} FOR UPDATE SKIP LOCKED`);
        const raised = await this.matcher.matchStoredVersions(manager, queued.map((row) => String(row.object_pk)));
        if (queued.length) await manager.query(`DELETE FROM exposure_pending WHERE object_pk = ANY($1::bigint[])`, [queued.map((row) => row.object_pk)]);
        return { matched: queued.length, alertIds: raised };
      });
      if (alertIds.length) await this.events.publish('alert.raised', { alertIds });
      if (matched < MATCH_BATCH) return;
    }
  }
}
