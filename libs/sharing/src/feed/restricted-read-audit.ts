import { Injectable } from '@nestjs/common';
import { tlpRank, Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import type { AuditEntry } from '@hub/audit';
import type { Request } from 'express';
import { AuditedObjectRow } from './stix-object.row';

/** An object of AMBER or RED that a read returned, as the audit row lists it. */
export interface RestrictedObjectRead {
  id: string;
  modified: Date | null;
  tlp: number;
}

function restrictedObjectsOf(rows: AuditedObjectRow[]): RestrictedObjectRead[] {
  return rows.filter((row) => row.tlp >= tlpRank('AMBER')).map((row) => ({ id: row.id, modified: row.modified, tlp: row.tlp }));
}

interface PendingEntry {
  /** Written in one transaction, all or none. */
  entries: AuditEntry[];
  written: () => void;
  failed: (error: unknown) => void;
}

// Reads per transaction when many arrive at once (an answer served again counts as one, whatever its rows): bounds the time one transaction holds a connection.
const MAX_READS_PER_TRANSACTION = 200;

/**
 * The policy asks for a trace of every read of AMBER and RED content: one audit row per request
 * that returned any, listing them. A read answers only once its row is committed.
 *
 * Reads are the hot path, so the rows are group-committed: while one transaction is writing, the
 * reads that arrive queue up and go into the next one together, so under load a read costs about
 * one insert and one flush instead of a transaction of its own. The commit waits for the flush to
 * disk (the server's synchronous_commit, never turned off here): an answer whose row was only in
 * PostgreSQL's memory would leave no trace if PostgreSQL crashed a moment later.
 */
@Injectable()
export class RestrictedReadAudit {
  private queue: PendingEntry[] = [];
  private readonly readsByRequest = new WeakMap<object, RestrictedObjectRead[][]>();
  private writing = false;

  constructor(private readonly audit: AuditService) {}

  /** `answers`: how many answers carry these rows (live subscribers served by one read), one audit row each. */
  record(viewer: Viewer, rows: AuditedObjectRow[], ip: string | undefined, answers = 1): Promise<void> {
    const objects = restrictedObjectsOf(rows);
    return this.enqueue(viewer, objects.length ? Array.from({ length: answers }, () => objects) : [], ip);
  }

  /** As record, and remembers the objects for the request: the answer cache repeats the trace when it serves the answer again. */
  recordForRequest(viewer: Viewer, rows: AuditedObjectRow[], request: Pick<Request, 'ip'>): Promise<void> {
    const objects = restrictedObjectsOf(rows);
    if (objects.length && viewer.kind !== 'anonymous') this.readsByRequest.set(request, [...this.recordedForRequest(request), objects]);
    return this.recordObjects(viewer, objects, request.ip);
  }

  /** What recordForRequest recorded for this request: one list of objects per call. */
  recordedForRequest(request: Pick<Request, 'ip'>): RestrictedObjectRead[][] {
    return this.readsByRequest.get(request) ?? [];
  }

  /** Records reads again, one audit row per list, all in one transaction, for an answer served once more. */
  recordAgain(viewer: Viewer, reads: RestrictedObjectRead[][], ip: string | undefined): Promise<void> {
    return this.enqueue(viewer, reads.filter((objects) => objects.length), ip);
  }

  private recordObjects(viewer: Viewer, objects: RestrictedObjectRead[], ip: string | undefined): Promise<void> {
    return this.enqueue(viewer, objects.length ? [objects] : [], ip);
  }

  private enqueue(viewer: Viewer, reads: RestrictedObjectRead[][], ip: string | undefined): Promise<void> {
    if (!reads.length || viewer.kind === 'anonymous') return Promise.resolve();
    const entries: AuditEntry[] = reads.map((objects) => ({ action: 'object.read', viewer, ip, details: { objects } }));
    return new Promise<void>((written, failed) => {
      this.queue.push({ entries, written, failed });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_READS_PER_TRANSACTION);
      try {
        // One statement, so one implicit transaction: committed (and flushed) before any of these reads answers.
        await this.audit.recordMany(batch.flatMap(({ entries }) => entries));
        for (const pending of batch) pending.written();
      } catch (error) {
        // Fail closed: a read whose trace could not be written is not answered.
        for (const pending of batch) pending.failed(error);
      }
    }
    this.writing = false;
  }
}
