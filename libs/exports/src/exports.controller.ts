import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { ClientIp, CurrentViewer } from '@hub/members';
import { HUB_LOGGER } from '@hub/platform';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { exportFileName, FORMAT_INFO } from './export-formats';
import { parseExportRequest } from './export-query';
import { ExportsService } from './exports.service';

/**
 * `GET /export/{format}`: readable objects in a member tool's format, streamed, exactly what the
 * caller's token or key may read. Members only (API contract: "API key or a person's session"): an
 * export walks the whole table, and an anonymous caller could repeat it without limit or account,
 * and time it; the public reads CLEAR objects through the feed.
 */
@Controller('export')
export class ExportsController {
  constructor(
    private readonly exports: ExportsService,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
  ) {}

  @Get(':format')
  async export(
    @CurrentViewer() viewer: Viewer,
    @Param('format') format: string,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
    @ClientIp() ip?: string,
  ): Promise<void> {
    const parsed = parseExportRequest(format, query);
    if (!parsed.ok) {
      response.status(400).json({ statusCode: 400, code: 'BAD_USER_INPUT', message: parsed.errors.map((error) => `${error.path}: ${error.message}`).join('; '), errors: parsed.errors });
      return;
    }
    const now = new Date();
    const text = await this.exports.start(viewer, parsed.request, ip, now);
    response.status(200);
    response.setHeader('Content-Type', FORMAT_INFO[parsed.request.format].contentType);
    response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(parsed.request.format, now)}"`);
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    try {
      // pipeline waits for the socket to drain between pieces, and stops reading the database when the client goes away.
      await pipeline(Readable.from(text, { objectMode: false }), response);
    } catch (error) {
      // The status is sent: a failure can only cut the response short, which the client sees as a broken transfer, not a complete file.
      if (!response.destroyed) response.destroy();
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') this.logger.warn({ err: error, format: parsed.request.format }, 'an export stopped before its end');
    }
  }
}
