import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HUB_LOGGER } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import type { RestrictedObjectRead } from '../feed/restricted-read-audit';
import { AnswerStore, StoredAnswer } from './answer-store';
import { ReadModelVersion } from './read-model-version';

/** A stored answer, with the restricted reads its audit trace lists (one list per read it made). */
export type CachedAnswer = StoredAnswer<RestrictedObjectRead[][]>;

/**
 * The answers of this process, each under its key (see answerKey) and the read-model version it
 * was built under. One instance per process; the version lives in the database, so every replica
 * drops its stale answers on the same commit.
 */
@Injectable()
export class AnswerCache {
  private readonly store: AnswerStore<RestrictedObjectRead[][]>;
  /** Answers found, and answers kept (for tests and the benchmark). */
  readonly counts = { hits: 0, kept: 0 };

  constructor(
    private readonly readModel: ReadModelVersion,
    @Inject(HUB_CONFIG) config: HubConfig,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {
    this.store = new AnswerStore(config.answerCacheBytes);
  }

  get enabled(): boolean {
    return this.store.maxBytes > 0;
  }

  currentVersion(): Promise<string> {
    return this.readModel.current();
  }

  /** The answer kept under this key if it was built under this version. */
  find(key: string, version: string): CachedAnswer | undefined {
    const answer = this.store.get(key, version);
    if (answer) this.counts.hits += 1;
    return answer;
  }

  /**
   * Keeps an answer whose reads started at `answer.version`, once it is sure they saw that version
   * only: if no change committed between the version read before them and the one read now.
   */
  keepIfUnchanged(key: string, answer: CachedAnswer): void {
    this.readModel.current().then(
      (now) => {
        if (now !== answer.version) return;
        this.store.set(key, answer);
        this.counts.kept += 1;
      },
      (error: unknown) => this.logger.warn({ err: error }, 'could not check an answer for the answer cache'),
    );
  }
}
