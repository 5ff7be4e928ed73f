import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { FeedService, RestrictedReadAudit } from '@hub/sharing';
import { auditedFilter } from './export-query';
import type { ExportRequest } from './export-query';
import { coalesce, writeExport } from './export-formats';

// Rows per FETCH of the export's cursor; memory holds two batches (about 1 MB of STIX each at 1,000).
export const EXPORT_BATCH_SIZE = 1000;

/**
 * Exports: the feed's read (FeedService.batches, built on readableObjectsWhere, through one cursor,
 * with references withheld), written in a member tool's format. Nothing here decides who may read
 * what: the export holds exactly what the feed would page through for the same viewer.
 */
@Injectable()
export class ExportsService {
  constructor(
    private readonly feed: FeedService,
    private readonly readAudit: RestrictedReadAudit,
    private readonly audit: AuditService,
  ) {}

  /**
   * Records the export (the policy audits every export), then returns its text. Each batch of AMBER
   * and RED objects has its read audit row committed before any of it is written.
   */
  async start(viewer: Viewer, request: ExportRequest, ip: string | undefined, now = new Date()): Promise<AsyncGenerator<string>> {
    await this.audit.record({ action: 'export', viewer, ip, targetType: 'export', details: { format: request.format, filter: auditedFilter(request.filter) } });
    return coalesce(writeExport(request.format, this.readableObjects(viewer, request, ip), request, now));
  }

  private async *readableObjects(viewer: Viewer, request: ExportRequest, ip: string | undefined): AsyncGenerator<Record<string, unknown>> {
    for await (const rows of this.feed.batches(viewer, request.filter, EXPORT_BATCH_SIZE)) {
      await this.readAudit.record(viewer, rows, ip);
      for (const row of rows) yield row.stix;
    }
  }
}
