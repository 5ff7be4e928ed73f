import { Injectable } from '@nestjs/common';
import type { Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import { FeedService, RestrictedReadAudit } from '@hub/sharing';
import { auditedFilter } from './export-query';
import type { ExportRequest } from './export-query';
import { coalesce, writeExport, writeStixBundleText } from './export-formats';

// Rows per FETCH of each of the export's cursors. Memory holds five batches at most (about 400
// bytes of STIX text a row): the one being written, the next with its audit row being committed,
// and each cursor's current and next (FeedService.batches). Small, so that they are little of what a young-generation collection finds
// alive: V8 at times moves every survivor to the old generation at once (seen for the whole second
// export of the bench; why is not pinned down), where only a full collection frees it; with 2,000 rows that was 4-6 MB each young collection, the bundle's whole text over an
// export (heap +213 MB), with 500 rows 0.1-0.3 MB. The rate is the same (one round trip more per
// 500 rows, against 15-40 ms of PostgreSQL's work for them).
export const EXPORT_BATCH_SIZE = 500;

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
   * and RED objects has its read audit row committed before any of it is written. A STIX bundle is
   * written from the objects' JSON text as the database gives it, without parsing each object.
   */
  async start(viewer: Viewer, request: ExportRequest, ip: string | undefined, now = new Date()): Promise<AsyncGenerator<string | Buffer>> {
    await this.audit.record({ action: 'export', viewer, ip, targetType: 'export', details: { format: request.format, filter: auditedFilter(request.filter) } });
    const batches = this.readableBatches(viewer, request, ip);
    if (request.format === 'stix') return writeStixBundleText(batches);
    return coalesce(writeExport(request.format, parsed(batches), request, now));
  }

  /**
   * The readable objects as JSON text, a batch at a time, each batch once its read audit row is
   * committed. The next batch is fetched and its audit row written while this one is sent: the
   * commit (a flush to disk) is not waited for between batches. A batch audited and then not sent
   * (the client went away) stays recorded: the trace may say more than was read, never less.
   */
  private async *readableBatches(viewer: Viewer, request: ExportRequest, ip: string | undefined): AsyncGenerator<string[]> {
    const rows = this.feed.batches(viewer, request.filter, EXPORT_BATCH_SIZE);
    const next = async () => {
      const batch = await rows.next();
      if (!batch.done) await this.readAudit.record(viewer, batch.value, ip);
      return batch;
    };
    try {
      let pending = next();
      for (;;) {
        const batch = await pending;
        if (batch.done) return;
        pending = next();
        // Awaited on the next turn; a caller that stops early must not leave its failure unhandled.
        pending.catch(() => undefined);
        yield batch.value.map((row) => row.json);
      }
    } finally {
      // Queued behind a fetch still running; rolls the cursor's transaction back when cut short.
      await rows.return(undefined);
    }
  }
}

/** The objects of the batches, parsed, for the formats that read their content. */
async function* parsed(batches: AsyncIterable<string[]>): AsyncGenerator<Record<string, unknown>> {
  for await (const batch of batches) {
    for (const json of batch) yield JSON.parse(json) as Record<string, unknown>;
  }
}
