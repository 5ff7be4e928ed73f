import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ParsedArgs, stringOption } from './args';
import { CliError, EXIT, usageError } from './exit-codes';
import { Connection, failureOf, request } from './hub-client';

export const IMPORT_FORMATS = ['stix', 'csv', 'text', 'misp', 'csaf'];
const TLPS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'];

// Command-line option → query parameter of POST /import (API contract: "Data in and out").
export const IMPORT_PARAMETERS: Record<string, string> = {
  format: 'format',
  tlp: 'tlp',
  mapping: 'mapping',
  'organization-ids': 'organizationIds',
  'sharing-group-ids': 'sharingGroupIds',
  audiences: 'audiences',
  'recipient-emails': 'recipientEmails',
};
export const IMPORT_FLAGS = ['anonymous'];

export interface ImportJob {
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Why a job failed (the file, the audience, the mapping), each where it applies. */
  errors?: { path: string; message: string }[];
}

const FINISHED = new Set(['done', 'failed', 'cancelled']);
const POLL_MS = 500;

export interface ImportProgress {
  uploaded(bytes: number, total: number): void;
  job(job: ImportJob): void;
}

/**
 * POST /import?format=…&tlp=… with the file as the body (streamed), then GET /import/{jobId} until
 * the job is finished. Exit 0 when every object was accepted (or was a duplicate), 1 when some were
 * rejected or the job failed or was cancelled.
 */
export async function runImport(connection: Connection, args: ParsedArgs, progress: ImportProgress): Promise<{ jobId: string; job: ImportJob; exitCode: number }> {
  const [file, ...extra] = args.positionals;
  if (!file) throw usageError('import needs a file, e.g. import iocs.csv --format csv --tlp GREEN');
  if (extra.length) throw usageError(`unexpected argument ${extra[0]}`);
  const format = stringOption(args, 'format');
  const tlp = stringOption(args, 'tlp')?.toUpperCase().replace('+', '_');
  if (!format || !IMPORT_FORMATS.includes(format)) throw usageError(`--format must be one of ${IMPORT_FORMATS.join(', ')}`);
  if (!tlp || !TLPS.includes(tlp)) throw usageError(`--tlp must be one of ${TLPS.join(', ')}`);
  let size: number;
  try {
    const found = await stat(file);
    if (found.isDirectory()) throw usageError(`cannot read ${file}: it is a directory, not a file`);
    size = found.size;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw usageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as Error).message ?? 'not readable')}`);
  }

  const query = new URLSearchParams();
  for (const [option, parameter] of Object.entries(IMPORT_PARAMETERS)) {
    const value = option === 'tlp' ? tlp : stringOption(args, option);
    if (value !== undefined) query.set(parameter, value);
  }
  if (args.options.get('anonymous') === true) query.set('anonymous', 'true');

  let sent = 0;
  async function* body(): AsyncGenerator<Uint8Array> {
    for await (const chunk of createReadStream(file)) {
      sent += (chunk as Buffer).length;
      progress.uploaded(sent, size);
      yield chunk as Buffer;
    }
  }
  const response = await request(connection, `/import?${query.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
    body: body() as unknown as RequestInit['body'],
    duplex: 'half',
  });
  if (response.status !== 202 && !response.ok) throw await failureOf(response);
  const { jobId } = (await response.json()) as { jobId?: string };
  if (!jobId) throw new CliError('the hub accepted the file but named no job', EXIT.REFUSED_OR_PARTIAL);

  for (;;) {
    const answer = await request(connection, `/import/${encodeURIComponent(jobId)}`);
    if (!answer.ok) throw await failureOf(answer);
    const job = (await answer.json()) as ImportJob;
    progress.job(job);
    if (FINISHED.has(job.status)) {
      const exitCode = job.status === 'done' && job.rejected === 0 ? EXIT.OK : EXIT.REFUSED_OR_PARTIAL;
      return { jobId, job, exitCode };
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A progress line for a terminal: a bar while the file is sent, then the job's counts. */
export function progressLine(state: { sent: number; size: number; job?: ImportJob }, width = 30): string {
  if (!state.job) {
    const ratio = state.size ? Math.min(1, state.sent / state.size) : 1;
    const filled = Math.round(ratio * width);
    return `sending [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)}%`;
  }
  const { status, read, accepted, rejected, duplicates } = state.job;
  return `${status}: read ${read}, accepted ${accepted}, rejected ${rejected}, duplicates ${duplicates}`;
}

/** The counts, then why a job failed, then where the rejected objects' reasons are (the hub's results of the job). */
export function importSummary(jobId: string, job: ImportJob, hubUrl: string): string {
  const lines = [`import ${jobId} ${job.status}: read ${job.read}, accepted ${job.accepted}, rejected ${job.rejected}, duplicates ${job.duplicates}`];
  for (const issue of job.errors ?? []) lines.push(`  ${issue.path ? `${issue.path}: ` : ''}${issue.message}`);
  if (job.rejected > 0) lines.push(`  why each object was rejected: ${hubUrl.replace(/\/+$/, '')}/import/${encodeURIComponent(jobId)}/results (NDJSON; ?format=csv for CSV)`);
  return `${lines.join('\n')}\n`;
}
