import { Args, ID, Int, Mutation, Query, Resolver, Subscription } from '@nestjs/graphql';
import type { MemberViewer } from '@hub/access';
import { extractObservablesFromText } from '@hub/intel-formats';
import { CurrentViewer } from '@hub/members';
import { HubError, JsonScalar } from '@hub/platform';
import { ImportJobRow, ImportJobsRepository, ImportStarter } from '../jobs/import-jobs.repository';
import { encodeCursor, ImportsService, starterOf } from '../jobs/imports.service';
import { CsvMappingModel, ExtractedObservableModel, ImportJobConnectionModel, ImportJobModel } from './dto/import-job.types';

/** Text reviewed at once: a long advisory fits, a file belongs in POST /import?format=text. */
const MAX_EXTRACT_CHARS = 1024 * 1024;
const PROGRESS_POLL_MS = 500;

@Resolver()
export class ImportsResolver {
  constructor(
    private readonly imports: ImportsService,
    private readonly jobs: ImportJobsRepository,
  ) {}

  @Query(() => ImportJobModel, { description: "One of the import jobs you started (NOT_FOUND for any other id)" })
  async importJob(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<ImportJobModel> {
    return toModel(await this.imports.job(viewer, id));
  }

  @Query(() => ImportJobConnectionModel, { description: "The import jobs you started (you as a person, or this very API key), newest first" })
  async importJobs(
    @CurrentViewer() viewer: MemberViewer,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<ImportJobConnectionModel> {
    const { jobs, hasNextPage } = await this.imports.list(viewer, first ?? 20, after);
    const edges = jobs.map((job) => ({ cursor: encodeCursor(job), node: toModel(job) }));
    return { edges, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @Mutation(() => ImportJobModel, { description: 'Stops the job: at once when queued, after the batch in progress when running; what was stored stays' })
  async cancelImportJob(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<ImportJobModel> {
    return toModel(await this.imports.cancel(viewer, id));
  }

  @Query(() => [ExtractedObservableModel], { description: 'The observables in free text, refanged and normalised, for review before sharing; nothing is stored' })
  extractObservables(@CurrentViewer() _viewer: MemberViewer, @Args('text') text: string): ExtractedObservableModel[] {
    if (text.length > MAX_EXTRACT_CHARS) {
      throw HubError.badInput(`The text is longer than ${MAX_EXTRACT_CHARS} characters; import it as a file (POST /import?format=text)`, [{ path: 'text', message: 'too long' }]);
    }
    return extractObservablesFromText(text).map((observable) => ({
      type: observable.type,
      value: observable.value,
      hashAlgorithm: observable.hashAlgorithm ?? null,
      original: observable.original,
      defanged: observable.defanged,
      line: observable.line,
      column: observable.column,
      pattern: observable.pattern ?? null,
    }));
  }

  @Mutation(() => CsvMappingModel, { description: 'Saves a CSV column mapping for your organisation under a name (replacing one of the same name)' })
  saveCsvMapping(@CurrentViewer() viewer: MemberViewer, @Args('name') name: string, @Args('mapping', { type: () => JsonScalar }) mapping: unknown): Promise<CsvMappingModel> {
    return this.imports.saveMapping(viewer, name, mapping);
  }

  @Query(() => [CsvMappingModel], { description: "Your organisation's saved CSV mappings" })
  csvMappings(@CurrentViewer() viewer: MemberViewer): Promise<CsvMappingModel[]> {
    return this.imports.mappings(viewer);
  }

  @Subscription(() => ImportJobModel, {
    description: "The job's counters as they change, until it ends (over graphql-ws)",
    resolve: (job: ImportJobModel) => job,
  })
  async importJobProgress(@CurrentViewer() viewer: MemberViewer, @Args('id', { type: () => ID }) id: string): Promise<AsyncIterableIterator<ImportJobModel>> {
    // Refused at once, like importJob, for a job someone else started or an absent one.
    const first = await this.imports.job(viewer, id);
    return progress(this.jobs, starterOf(viewer)!, first);
  }
}

/** Each change of the job's counters or status, read under the starter's condition, until it ends. */
async function* progress(jobs: ImportJobsRepository, starter: ImportStarter, first: ImportJobRow): AsyncIterableIterator<ImportJobModel> {
  let last = '';
  let job: ImportJobRow | null = first;
  while (job) {
    const key = `${job.status}:${job.read}:${job.accepted}:${job.rejected}:${job.duplicates}`;
    if (key !== last) {
      last = key;
      yield toModel(job);
    }
    if (job.status === 'done' || job.status === 'failed' || job.status === 'cancelled') return;
    await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
    job = await jobs.findOwn(starter, first.id);
  }
}

function toModel(job: ImportJobRow): ImportJobModel {
  return {
    id: job.id,
    status: job.status,
    format: job.format,
    tlp: job.tlp,
    read: job.read,
    accepted: job.accepted,
    rejected: job.rejected,
    duplicates: job.duplicates,
    cancelRequested: job.cancelRequested,
    created: job.createdAt,
    started: job.startedAt,
    finished: job.finishedAt,
    errors: job.errors,
  };
}
