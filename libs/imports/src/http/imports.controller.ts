import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { MemberViewer } from '@hub/access';
import { ClientIp, CurrentViewer } from '@hub/members';
import { HubError } from '@hub/platform';
import type { Request, Response } from 'express';
import { ImportsService } from '../jobs/imports.service';
import type { ImportJobRow, ItemResult } from '../jobs/import-jobs.repository';
import { ImportQuotaExceeded } from '../jobs/import-quota';
import { UploadRefused } from '../jobs/upload';

/**
 * `POST /import` (the file as the raw body, parameters in the query), `GET /import/{jobId}` and
 * `GET /import/{jobId}/results`. Authenticated like every route (HubAuthGuard: a login token or an
 * API key); a job is read only by whoever started it (the person, or that very key), any other id is 404.
 */
@Controller('import')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post()
  @HttpCode(202)
  async start(@CurrentViewer() viewer: MemberViewer, @Req() request: Request, @Res() response: Response, @ClientIp() ip?: string): Promise<void> {
    try {
      const jobId = await this.imports.start(viewer, request.query as Record<string, string | string[]>, request, request.headers['content-encoding'], ip);
      response.status(202).json({ jobId });
    } catch (error) {
      // The rest of a refused body is not read: the connection closes after the answer.
      if (!request.complete) response.setHeader('Connection', 'close');
      sendError(response, error);
    }
  }

  @Get(':jobId')
  async status(@CurrentViewer() viewer: MemberViewer, @Param('jobId') jobId: string, @Res() response: Response): Promise<void> {
    try {
      response.json(jobStatus(await this.imports.job(viewer, jobId)));
    } catch (error) {
      sendError(response, error);
    }
  }

  /** Per-item results as NDJSON (default, or `?format=ndjson`) or CSV (`?format=csv` or `Accept: text/csv`), streamed. */
  @Get(':jobId/results')
  async results(@CurrentViewer() viewer: MemberViewer, @Param('jobId') jobId: string, @Query('format') format: string | undefined, @Req() request: Request, @Res() response: Response): Promise<void> {
    if (format !== undefined && format !== 'csv' && format !== 'ndjson') {
      return sendError(response, HubError.badInput('The results format is not known', [{ path: 'format', message: 'must be ndjson or csv' }]));
    }
    const csv = format === 'csv' || (format === undefined && (request.headers.accept ?? '').includes('text/csv'));
    const rows = this.imports.results(viewer, jobId);
    let first: IteratorResult<ItemResult>;
    try {
      first = await rows.next();
    } catch (error) {
      return sendError(response, error);
    }
    response.status(200).setHeader('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    if (csv) response.write('index,line,stix_id,status,errors\r\n');
    for (let row = first; !row.done; row = await rows.next()) {
      const text = csv ? csvLine(row.value) : `${JSON.stringify(row.value)}\n`;
      if (!response.write(text)) await new Promise((resolve) => response.once('drain', resolve));
    }
    response.end();
  }
}

export function jobStatus(job: ImportJobRow) {
  return {
    jobId: job.id,
    status: job.status,
    format: job.format,
    tlp: job.tlp,
    read: job.read,
    accepted: job.accepted,
    rejected: job.rejected,
    duplicates: job.duplicates,
    bytes: job.bytes,
    cancelRequested: job.cancelRequested,
    created: job.createdAt.toISOString(),
    started: job.startedAt?.toISOString() ?? null,
    finished: job.finishedAt?.toISOString() ?? null,
    errors: job.errors,
  };
}

function csvLine(result: ItemResult): string {
  const errors = result.errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return [String(result.index), result.line == null ? '' : String(result.line), result.stixId ?? '', result.status, errors].map(csvCell).join(',') + '\r\n';
}

function csvCell(value: string): string {
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function sendError(response: Response, error: unknown): void {
  if (error instanceof ImportQuotaExceeded) {
    response.status(429).setHeader('Retry-After', String(error.retryAfterSeconds)).json(error.body());
    return;
  }
  if (error instanceof UploadRefused) {
    const code = { 400: 'BAD_USER_INPUT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' }[error.status];
    response.status(error.status).json({ statusCode: error.status, code, message: error.message, errors: [{ path: error.path, message: error.message }] });
    return;
  }
  if (error instanceof HubError) {
    const status = { NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, RATE_LIMITED: 429 }[error.code as string] ?? 400;
    response.status(status).json({ statusCode: status, code: error.code, message: error.message, errors: error.issues });
    return;
  }
  throw error;
}
