import { Injectable } from '@nestjs/common';
import { tlpRank, Viewer } from '@hub/access';
import { AuditService } from '@hub/audit';
import type { AuditEntry } from '@hub/audit';
import { DataSource } from 'typeorm';
import { StixObjectRow } from './stix-object.row';

interface PendingEntry {
  entry: AuditEntry;
  written: () => void;
  failed: (error: unknown) => void;
}

// Rows per transaction when many reads arrive at once: bounds the time one transaction holds a connection.
const MAX_ROWS_PER_TRANSACTION = 200;

/**
 * The policy asks for a trace of every read of AMBER and RED content: one audit row per request
 * that returned any, listing them. A read answers only once its row is committed.
 *
 * Reads are the hot path, so the rows are group-committed: while one transaction is writing, the
 * reads that arrive queue up and go into the next one together, so under load a read costs about
 * one insert instead of a transaction of its own. The rows are committed without waiting for the
 * disk flush (synchronous_commit off): they are written in order with everything else and only a
 * crash of PostgreSQL itself within a fraction of a second could lose them.
 */
@Injectable()
export class RestrictedReadAudit {
  private queue: PendingEntry[] = [];
  private writing = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  record(viewer: Viewer, rows: StixObjectRow[], ip: string | undefined): Promise<void> {
    const restricted = rows.filter((row) => row.tlp >= tlpRank('AMBER'));
    if (!restricted.length || viewer.kind === 'anonymous') return Promise.resolve();
    const entry: AuditEntry = { action: 'object.read', viewer, ip, details: { objects: restricted.map((row) => ({ id: row.id, modified: row.modified, tlp: row.tlp })) } };
    return new Promise<void>((written, failed) => {
      this.queue.push({ entry, written, failed });
      if (!this.writing) void this.writeQueued();
    });
  }

  private async writeQueued(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_ROWS_PER_TRANSACTION);
      try {
        await this.dataSource.transaction(async (manager) => {
          await manager.query('SET LOCAL synchronous_commit TO OFF');
          await this.audit.recordMany(batch.map(({ entry }) => entry), manager);
        });
        for (const pending of batch) pending.written();
      } catch (error) {
        // Fail closed: a read whose trace could not be written is not answered.
        for (const pending of batch) pending.failed(error);
      }
    }
    this.writing = false;
  }
}
