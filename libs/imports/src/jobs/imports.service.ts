import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { audienceIssues, MemberViewer, Tlp, TLP_LEVELS, tlpRank } from '@hub/access';
import { parseCsvMapping } from '@hub/intel-formats';
import { FieldIssue, HUB_CONFIG, HubError } from '@hub/platform';
import type { HubConfig } from '@hub/platform';
import { parseAudience, RED_BY_KEY_MESSAGE, SubmissionService } from '@hub/sharing';
import { IMPORT_FORMATS, ImportFormat } from './import-sources';
import { ImportJobRow, ImportJobsRepository, ImportStarter, ItemResult, nextFullHour } from './import-jobs.repository';
import { ImportWorker } from './import-worker';
import { bytes as formatBytes, ImportQuotaExceeded } from './import-quota';
import { uploadChunks, UploadRefused } from './upload';

/** The query of `POST /import`, as strings (repeated parameters as arrays). */
export type ImportQuery = Record<string, string | string[] | undefined>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The upload went past the organisation's bytes quota after `bytes` of it. */
class QuotaPassed extends Error {
  constructor(readonly bytes: number) {
    super('import quota passed');
  }
}

const BUILT_IN_AUDIENCES = new Set(['PUBLIC_SECTOR', 'PRIVATE_SECTOR']);
const LIST_PARAMETERS = ['audiences', 'organizationIds', 'sharingGroupIds', 'recipientEmails'];
const SINGLE_PARAMETERS = ['format', 'tlp', 'anonymous', 'mapping'];
const IMPORT_PARAMETERS = [...SINGLE_PARAMETERS, ...LIST_PARAMETERS];
const MAPPING_NAME = /^[\p{L}\p{N} ._-]{1,100}$/u;

/** Starting import jobs from uploads, and what their starters read of them. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly jobs: ImportJobsRepository,
    private readonly worker: ImportWorker,
    private readonly submissions: SubmissionService,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /**
   * Checks the request, stores the body durably (chunk by chunk), then queues the job. Nothing is
   * queued for a refused request or an upload that did not arrive whole.
   */
  async start(viewer: MemberViewer, query: ImportQuery, body: Readable, contentEncoding: string | undefined, ip?: string): Promise<string> {
    if (viewer.role !== 'MEMBER' && viewer.role !== 'ANALYST') throw HubError.forbidden('Only members and analysts submit threat intelligence');
    const request = await this.parseRequest(viewer, query);
    const quota = this.config.importQuota;
    const created = await this.jobs.create({ ...request, organizationId: viewer.organizationId, userId: viewer.userId, keyId: viewer.kind === 'key' ? (viewer.keyId ?? null) : null, ip: ip ?? null }, quota);
    if ('refused' in created) {
      if (created.refused === 'activeJobs') throw ImportQuotaExceeded.activeJobs(quota.activeJobs);
      const retryAt = await this.jobs.bytesFreeAt(viewer.organizationId, 1, quota.bytesPerDay);
      throw ImportQuotaExceeded.bytesPerDay(quota.bytesPerDay, retryAt ?? nextFullHour(new Date(Date.now() + DAY_MS)), false);
    }
    const jobId = created.id;
    let bytes = 0;
    let arrived = 0;
    let seq = 0;
    try {
      for await (const chunk of uploadChunks(body, contentEncoding, undefined, (count) => (arrived += count))) {
        const used = await this.jobs.appendChunk(jobId, seq++, chunk);
        bytes += chunk.length;
        // Checked as it arrives: an upload past the quota stops here, before it fills the disk.
        if (quota.bytesPerDay && used > quota.bytesPerDay) throw new QuotaPassed(bytes);
      }
    } catch (error) {
      // The job goes, its bytes stay counted (import_bytes_used): a refused or cut-off upload used the quota too.
      await this.jobs.countUnstored(jobId, arrived - bytes);
      await this.jobs.delete(jobId);
      if (error instanceof QuotaPassed) {
        const retryAt = await this.jobs.bytesFreeAt(viewer.organizationId, error.bytes, quota.bytesPerDay);
        if (!retryAt) throw new UploadRefused(413, `The upload is larger than your organisation's import quota of ${formatBytes(quota.bytesPerDay)} in 24 hours; nothing of it was kept`);
        throw ImportQuotaExceeded.bytesPerDay(quota.bytesPerDay, retryAt, true);
      }
      throw error;
    }
    if (!bytes) {
      await this.jobs.delete(jobId);
      throw HubError.badInput('The file is empty', [{ path: 'file', message: 'is empty' }]);
    }
    await this.jobs.queue(jobId, bytes);
    this.worker.notify();
    return jobId;
  }

  async job(viewer: MemberViewer, id: string): Promise<ImportJobRow> {
    const starter = starterOf(viewer);
    const job = starter && UUID.test(id) ? await this.jobs.findOwn(starter, id) : null;
    // A job someone else started (colleague, other key, other organisation) and one that does not exist get the same answer.
    if (!job) throw HubError.notFound(`No import job ${id}`);
    return job;
  }

  async list(viewer: MemberViewer, first: number, after?: string): Promise<{ jobs: ImportJobRow[]; hasNextPage: boolean }> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw HubError.badInput('first must be between 1 and 100', [{ path: 'first', message: 'must be between 1 and 100' }]);
    const cursor = after ? decodeCursor(after) : undefined;
    const starter = starterOf(viewer);
    const rows = starter ? await this.jobs.listOwn(starter, first + 1, cursor) : [];
    return { jobs: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** The own job's results, page by page, for streaming. */
  async *results(viewer: MemberViewer, id: string): AsyncGenerator<ItemResult> {
    await this.job(viewer, id);
    const starter = starterOf(viewer)!;
    let after = -1;
    for (;;) {
      const page = await this.jobs.resultsOwn(starter, id, after, 5_000);
      yield* page;
      if (page.length < 5_000) return;
      after = page[page.length - 1].index;
    }
  }

  async cancel(viewer: MemberViewer, id: string): Promise<ImportJobRow> {
    const starter = starterOf(viewer);
    const job = starter && UUID.test(id) ? await this.jobs.cancelOwn(starter, id) : null;
    if (!job) throw HubError.notFound(`No import job ${id}`);
    return job;
  }

  async saveMapping(viewer: MemberViewer, name: string, mapping: unknown): Promise<{ name: string; mapping: unknown }> {
    if (!MAPPING_NAME.test(name)) throw HubError.badInput('The mapping name is not valid', [{ path: 'name', message: 'letters, digits, space, . _ -; at most 100' }]);
    const parsed = parseCsvMapping(mapping);
    if (!parsed.ok) throw HubError.badInput('The CSV mapping is not valid', parsed.errors);
    await this.jobs.saveMapping(viewer.organizationId, name, mapping);
    return { name, mapping };
  }

  mappings(viewer: MemberViewer) {
    return this.jobs.mappings(viewer.organizationId);
  }

  private async parseRequest(viewer: MemberViewer, query: ImportQuery) {
    const issues: FieldIssue[] = parameterIssues(query);
    const format = single(query.format);
    if (!format || !IMPORT_FORMATS.includes(format as ImportFormat)) issues.push({ path: 'format', message: `must be one of ${IMPORT_FORMATS.join(', ')}` });
    const tlp = single(query.tlp)?.toUpperCase().replace('+', '_');
    if (!tlp || !(TLP_LEVELS as readonly string[]).includes(tlp)) issues.push({ path: 'tlp', message: `must be one of ${TLP_LEVELS.join(', ')}` });
    const anonymous = single(query.anonymous);
    if (anonymous !== undefined && anonymous !== 'true' && anonymous !== 'false') issues.push({ path: 'anonymous', message: 'must be true or false' });
    const audiences = list(query.audiences);
    audiences.forEach((audience, index) => {
      if (!BUILT_IN_AUDIENCES.has(audience)) issues.push({ path: `audiences[${index}]`, message: 'must be PUBLIC_SECTOR or PRIVATE_SECTOR' });
    });
    let mapping: unknown;
    if (format === 'csv') mapping = await this.mappingOf(viewer, single(query.mapping), issues);
    else if (IMPORT_FORMATS.includes(format as ImportFormat) && query.mapping !== undefined) issues.push({ path: 'mapping', message: 'is only for format=csv' });
    if (issues.length) throw HubError.badInput('The import request is not valid', issues);

    const { audience, recipientEmails } = parseAudience(
      { organizationIds: list(query.organizationIds), sharingGroupIds: list(query.sharingGroupIds), audiences: audiences as never[], recipientEmails: list(query.recipientEmails) },
      'audience',
    );
    if (viewer.kind === 'key' && tlpRank(tlp as Tlp) === tlpRank('RED')) {
      throw HubError.forbidden(RED_BY_KEY_MESSAGE);
    }
    // Recipients named by e-mail count as an audience here; they are looked up when the job runs.
    const withRecipients = recipientEmails.length ? { ...audience, userIds: [...audience.userIds, '00000000-0000-0000-0000-000000000000'] } : audience;
    const audienceProblems = audienceIssues(tlp as Tlp, withRecipients);
    if (audienceProblems.length) throw HubError.badInput(audienceProblems[0].message, audienceProblems);
    await this.submissions.assertAudienceExists(audience);
    return { format: format as ImportFormat, tlp: tlp as Tlp, audience, recipientEmails, anonymous: anonymous === 'true', mapping };
  }

  /** `mapping` is the JSON of a mapping, or the name of one the organisation saved. */
  private async mappingOf(viewer: MemberViewer, text: string | undefined, issues: FieldIssue[]): Promise<unknown> {
    if (text === undefined) {
      issues.push({ path: 'mapping', message: 'is required for CSV: the JSON of a column mapping, or the name of a saved one' });
      return undefined;
    }
    let mapping: unknown;
    if (text.trim().startsWith('{')) {
      try {
        mapping = JSON.parse(text);
      } catch {
        issues.push({ path: 'mapping', message: 'is not valid JSON' });
        return undefined;
      }
    } else {
      mapping = await this.jobs.mapping(viewer.organizationId, text);
      if (mapping === undefined) {
        issues.push({ path: 'mapping', message: 'is neither a JSON mapping nor the name of a mapping your organisation saved' });
        return undefined;
      }
    }
    const parsed = parseCsvMapping(mapping);
    if (!parsed.ok) issues.push(...parsed.errors);
    return mapping;
  }
}

/**
 * The viewer as the starter of a job: a person is the user without a key; a key is that key (jobs
 * store the key they were started with). A key viewer without a key id starts and sees nothing.
 */
export function starterOf(viewer: MemberViewer): ImportStarter | null {
  if (viewer.kind === 'key') return viewer.keyId ? { organizationId: viewer.organizationId, userId: viewer.userId, keyId: viewer.keyId } : null;
  return { organizationId: viewer.organizationId, userId: viewer.userId, keyId: null };
}

/**
 * Unknown and repeated parameters are refused rather than ignored or settled by the last one: a
 * mistyped `anonymous` would share under the organisation's name, a second `tlp` at another marking.
 */
function parameterIssues(query: ImportQuery): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
    if (!IMPORT_PARAMETERS.includes(name)) issues.push({ path: name, message: `unknown parameter ${name}; the parameters are ${IMPORT_PARAMETERS.join(', ')}` });
    else if (SINGLE_PARAMETERS.includes(name) && Array.isArray(value)) issues.push({ path: name, message: `${name} may be given once` });
  }
  return issues;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A single-valued parameter (Express's simple query parser gives strings and lists of them); a repeated one is refused by parameterIssues. */
function single(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A list parameter: repeated (`a=1&a=2`) or comma-separated (`a=1,2`). */
function list(value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  return values.flatMap((item) => (typeof item === 'string' ? item.split(',') : [])).map((item) => item.trim()).filter(Boolean);
}

export function encodeCursor(job: ImportJobRow): string {
  return Buffer.from(JSON.stringify({ createdAt: job.createdAt.toISOString(), id: job.id })).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { createdAt?: unknown; id?: unknown };
    if (typeof parsed.createdAt === 'string' && !Number.isNaN(Date.parse(parsed.createdAt)) && typeof parsed.id === 'string' && UUID.test(parsed.id)) {
      return { createdAt: parsed.createdAt, id: parsed.id };
    }
  } catch {
    // fall through
  }
  throw HubError.badInput('The cursor is not valid', [{ path: 'after', message: 'is not a cursor of importJobs' }]);
}
