import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, HUB_LOGGER } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import type { Logger } from 'pino';
import type { RestrictedObjectRead } from '../feed/restricted-read-audit';
import { AnswerStore, StoredAnswer } from './answer-store';
import { ReadModelVersion } from './read-model-version';

/** A stored answer, with the restricted reads its audit trace lists (one list per read it made). */
export type CachedAnswer = StoredAnswer<RestrictedObjectRead[][]>;

// Longer than any build of a cacheable answer takes, even under load.
const MAX_BUILD_WAIT_MS = 5_000;

// What an answer costs besides its body (its key, its entry, its headers), and per restricted object its audit trace lists.
const ANSWER_OVERHEAD_BYTES = 1_024;
const RESTRICTED_READ_BYTES = 256;

/** The memory an answer holds, as the cache's budget counts it. */
export function answerCost(body: Buffer, reads: RestrictedObjectRead[][]): number {
  return body.length + ANSWER_OVERHEAD_BYTES + RESTRICTED_READ_BYTES * reads.reduce((sum, objects) => sum + objects.length, 0);
}

/**
 * The answers of this process, each under its key (see answerKey) and the read-model version it
 * was built under. One instance per process; the version lives in the database, so every replica
 * drops its stale answers on the same commit.
 */
@Injectable()
export class AnswerCache {
  private readonly store: AnswerStore<RestrictedObjectRead[][]>;
  /** Answers served again, and answers kept (for tests and the benchmark). */
  readonly counts = { hits: 0, kept: 0 };
  /** Answers being built now, by version and key, each settled once it is kept or given up. */
  private readonly underway = new Map<string, Promise<void>>();

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
    return this.store.get(key, version);
  }

  /** Settles once the answer being built now for this key and version is kept or given up; undefined if none is. */
  whenBuilt(key: string, version: string): Promise<void> | undefined {
    return this.underway.get(underwayId(key, version));
  }

  /**
   * Records that this answer is being built, so that the same request arriving meanwhile waits for
   * it rather than building it too: after a change, every poller of a page asks for it at once.
   * Returns what to call once the answer is kept or given up (calling it again does nothing).
   */
  startBuilding(key: string, version: string): () => void {
    const id = underwayId(key, version);
    let settle!: () => void;
    const built = new Promise<void>((resolve) => (settle = resolve));
    this.underway.set(id, built);
    const done = () => {
      clearTimeout(timeout);
      if (this.underway.get(id) === built) this.underway.delete(id);
      settle();
    };
    // A build that never finishes must not hold those waiting for it: they build their own.
    const timeout = setTimeout(done, MAX_BUILD_WAIT_MS).unref();
    return done;
  }

  /**
   * Keeps an answer whose reads started at `answer.version`, once it is sure they saw that version
   * only: if no change committed between the version read before them and the one read now.
   */
  keepIfUnchanged(key: string, answer: CachedAnswer): Promise<boolean> {
    return this.readModel.current().then(
      (now) => {
        if (now !== answer.version) return false;
        this.store.set(key, answer);
        this.counts.kept += 1;
        return true;
      },
      (error: unknown) => {
        this.logger.warn({ err: error }, 'could not check an answer for the answer cache');
        return false;
      },
    );
  }
}

function underwayId(key: string, version: string): string {
  return `${version} ${key}`;
}
