import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { MemberViewer, Tlp } from '@hub/access';
import { ViewerService } from '@hub/members';
import { HUB_LOGGER, HubError } from '@hub/platform';
import { SubmissionService } from '@hub/sharing';
import type { Logger } from 'pino';
import { DataSource, QueryRunner } from 'typeorm';
import { importIdScope } from './import-id-scope';
import { ImportFileError, importItems, ImportItem, ItemIssue, SourceNotes } from './import-sources';
import { ImportJobRow, ImportJobsRepository, ItemResult } from './import-jobs.repository';

/** Objects submitted per transaction: the store's own batch size. */
export const IMPORT_BATCH = 1_000;
const IDLE_POLL_MS = 1_000;
/** Batches of one job in flight at once (the store's own PARALLEL_WRITES). */
const PARALLEL_BATCHES = 3;
/** Items converted between two turns of the event loop (see process). */
const YIELD_EVERY = 50;
/** The first key of the jobs' advisory locks (the second is a hash of the job id): apart from any other lock. */
const CLAIM_LOCK_CLASS = 16_001;

/**
 * Runs queued import jobs, one at a time per replica. A job is claimed by a session advisory lock
 * on its id, held by one connection for as long as it runs (replicas share the queue, each taking a
 * job no other holds); a worker that dies releases it with its connection, and the next claim
 * resumes the job from its checkpoint. Not a row lock in an open transaction: a transaction open for
 * the whole job (minutes to hours) held back the removal of every row deleted or updated meanwhile,
 * in the whole database — the trend queue the import fills and empties was read through all its
 * deleted rows at every catch-up (480,000 of them at 700,000 stored objects), and vacuum could not
 * reclaim anything until the import ended.
 * Nothing is lost or counted twice: ids and times the hub makes are fixed per job, the store skips a
 * version it holds, and an item's result is kept (and counted) once, in the transaction that stores it.
 */
@Injectable()
export class ImportWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private stopping = false;
  private running?: Promise<void>;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: ImportJobsRepository,
    private readonly submissions: SubmissionService,
    private readonly viewers: ViewerService,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.running = this.loop();
  }

  /** Before the database pool closes (onApplicationShutdown): the batch in progress commits, the job stays claimed for the next start. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
  }

  /** A job was just queued here: look now rather than at the next poll. */
  notify(): void {
    this.wake?.();
  }

  private async loop(): Promise<void> {
    await this.jobs.deleteAbandonedUploads().catch(() => undefined);
    while (!this.stopping) {
      let worked = false;
      try {
        worked = await this.claimAndRun();
      } catch (error) {
        this.logger.error({ err: error }, 'import worker: claiming a job failed');
      }
      if (!worked && !this.stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, IDLE_POLL_MS);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  private async claimAndRun(): Promise<boolean> {
    const claim: QueryRunner = this.dataSource.createQueryRunner();
    await claim.connect();
    try {
      const queued: { job_id: string }[] = await claim.query(`SELECT c.job_id FROM import_job_claim c JOIN import_job j ON j.id = c.job_id ORDER BY j.created_at`);
      for (const { job_id: jobId } of queued) {
        const [{ locked }]: { locked: boolean }[] = await claim.query(`SELECT pg_try_advisory_lock(${CLAIM_LOCK_CLASS}, hashtext($1)) AS locked`, [jobId]);
        if (!locked) continue;
        try {
          // Another replica may have finished it between the list and the lock.
          const [still]: unknown[] = await claim.query(`SELECT 1 FROM import_job_claim WHERE job_id = $1`, [jobId]);
          if (!still) continue;
          await this.run(jobId);
          await claim.query(`DELETE FROM import_job_claim WHERE job_id = $1`, [jobId]);
          return true;
        } finally {
          // A session lock outlives the job on a pooled connection: it is given back here (a broken
          // connection has lost it already).
          await claim.query(`SELECT pg_advisory_unlock(${CLAIM_LOCK_CLASS}, hashtext($1))`, [jobId]).catch(() => undefined);
        }
      }
      return false;
    } finally {
      await claim.release();
    }
  }

  private async run(jobId: string): Promise<void> {
    const job = await this.jobs.find(jobId);
    if (!job || job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return;
    await this.jobs.markRunning(jobId);
    try {
      const outcome = await this.process(job);
      await this.jobs.finish(jobId, outcome);
    } catch (error) {
      if (this.stopping) throw error;
      const issues = failureIssues(error);
      if (!issues) this.logger.error({ err: error, jobId }, 'import job failed unexpectedly');
      const internal = [{ path: 'job', message: 'The import stopped on an internal error; what was stored before it is kept' }];
      // A job that cannot be finished would stay claimed and be retried before every later job.
      await this.jobs.finish(jobId, 'failed', issues ?? internal).catch(async (finishing: unknown) => {
        this.logger.error({ err: finishing, jobId }, 'import job: recording why it failed failed');
        await this.jobs.finish(jobId, 'failed', internal);
      });
    }
  }

  private async process(job: ImportJobRow): Promise<'done' | 'cancelled'> {
    const viewer = await this.viewerOf(job);
    const [secret]: { value: string }[] = await this.dataSource.query(`SELECT value FROM hub_secret WHERE name = 'import-ids'`);
    const source = { ...job, idScope: importIdScope(secret.value, job) };
    const notes: SourceNotes = {};
    let seen = 0;
    let batch: ImportItem[] = [];
    // Batches in flight, oldest first: preparing one overlaps the database storing the others. The
    // checkpoint only moves past a batch once it and every earlier one are fully handled.
    const inFlight: { done: Promise<void>; position: number }[] = [];
    const settleOldest = async () => {
      const oldest = inFlight.shift()!;
      await oldest.done;
      await this.jobs.checkpoint(job.id, oldest.position);
    };
    const send = async (items: ImportItem[], position: number): Promise<boolean> => {
      if (await this.jobs.cancelRequested(job.id)) return false;
      const done = this.submit(job, viewer, notes.tlp ?? job.tlp, items);
      // A failure surfaces when its turn comes; until then it must not be an unhandled rejection.
      done.catch(() => undefined);
      inFlight.push({ done, position });
      if (inFlight.length >= PARALLEL_BATCHES) await settleOldest();
      return true;
    };
    try {
      for await (const item of importItems(source, () => this.upload(job.id), notes)) {
        // Items before the checkpoint were handled before a restart.
        if (seen++ < job.position) continue;
        // Converting a file is a loop of promises that resolve at once (microtasks): without a turn of
        // the event loop now and then, the database's answers to the batches in flight wait until the
        // whole next batch is converted, and their transactions stand idle meanwhile.
        if (seen % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
        batch.push(item);
        if (batch.length === IMPORT_BATCH) {
          if (!(await send(batch, seen))) return 'cancelled';
          batch = [];
          if (this.stopping) throw new Error('stopping');
        }
      }
      if (batch.length && !(await send(batch, seen))) return 'cancelled';
    } finally {
      // Whatever happens, no batch is left running when the job ends here.
      await Promise.allSettled(inFlight.map((entry) => entry.done));
    }
    while (inFlight.length) await settleOldest();
    return 'done';
  }

  private async submit(job: ImportJobRow, viewer: MemberViewer, tlp: Tlp, items: ImportItem[]): Promise<void> {
    const lineOf = new Map(items.map((item) => [item.index, item.line]));
    const toResult = (result: { index: number; stixId: string | null; status: ItemResult['status']; errors: ItemIssue[] }): ItemResult => ({
      index: result.index,
      line: lineOf.get(result.index),
      stixId: result.stixId,
      status: result.status,
      errors: result.errors.map((issue) => ({ path: issue.path, message: issue.message })),
    });
    const objects = items.flatMap((item) => ('stix' in item ? [{ index: item.index, stix: item.stix, validation: item.validation }] : []));
    const refused: ItemResult[] = items.flatMap((item) => ('errors' in item ? [{ index: item.index, line: item.line, stixId: null, status: 'REJECTED' as const, errors: item.errors }] : []));
    const submission = { viewer, tlp, audience: job.audience, recipientEmails: job.recipientEmails, anonymous: job.anonymous, ip: job.ip ?? undefined };
    const outcome = objects.length
      ? await this.submissions.submitBatch(submission, objects, (manager, results) => this.jobs.recordResults(manager, job.id, results.map(toResult)))
      : { results: [], committed: new Set<number>() };
    // Everything else (refused before storing); what a committed storing transaction kept is not sent again.
    const rest = [...outcome.results.filter((result) => !outcome.committed.has(result.index)).map(toResult), ...refused];
    if (rest.length) await this.jobs.recordResultsNow(job.id, rest);
  }

  /** The uploaded file, chunk by chunk from the database: one chunk in memory at a time. */
  private async *upload(jobId: string): AsyncGenerator<Uint8Array> {
    for (let seq = 0; ; seq++) {
      const chunk = await this.jobs.readChunk(jobId, seq);
      if (!chunk) return;
      yield chunk;
    }
  }

  /** Who started the job, as they are now: a deactivated person or a revoked key runs nothing more. */
  private async viewerOf(job: ImportJobRow): Promise<MemberViewer> {
    const person = (await this.viewers.activeUserViewers([job.userId])).get(job.userId);
    if (!person || person.organizationId !== job.organizationId) throw HubError.forbidden('The person who started this import is no longer active');
    if (!job.keyId) return person;
    const key = await this.jobs.keyState(job.keyId);
    if (!key?.usable) throw HubError.forbidden('The API key this import was started with is revoked or expired');
    return { ...person, kind: 'key', keyId: job.keyId, keyDistribution: key.distribution };
  }
}

/** What a member is told about a job that could not finish; undefined for an unexpected error. */
function failureIssues(error: unknown): ItemIssue[] | undefined {
  if (error instanceof ImportFileError) return error.issues;
  if (error instanceof HubError) return error.issues.length ? error.issues.map((issue) => ({ path: issue.path, message: issue.message })) : [{ path: 'job', message: error.message }];
  return undefined;
}
